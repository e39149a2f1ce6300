import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';
import { FALLBACK_LANGUAGE, initialLanguage, isLanguage, LANGUAGES, type Language } from './language';

export const resources = {
  en: { translation: en },
  'zh-CN': { translation: zhCN },
} as const;

export async function initI18n(): Promise<typeof i18next> {
  // Screen readers and the browser's own hyphenation and fonts follow <html lang>.
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  await i18next.use(initReactI18next).init({
    resources,
    lng: initialLanguage(),
    fallbackLng: FALLBACK_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    // React escapes output already.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}

/** The active UI language, narrowed to the ones we ship. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  const current = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(current) ? current : FALLBACK_LANGUAGE;
}
