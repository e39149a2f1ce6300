export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const FALLBACK_LANGUAGE: Language = 'en';

const STORAGE_KEY = 'banca.language';

export function isLanguage(value: string | null | undefined): value is Language {
  return (LANGUAGES as readonly (string | null | undefined)[]).includes(value);
}

/** Any Chinese variant maps to zh-CN (the only Chinese resources we have); everything else to en. */
export function languageFromTag(tag: string): Language | undefined {
  const lower = tag.toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return undefined;
}

/** The remembered choice first, then the browser's preferred languages, then the fallback. */
export function initialLanguage(): Language {
  const remembered = readRemembered();
  if (remembered) return remembered;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const language = languageFromTag(tag);
    if (language) return language;
  }
  return FALLBACK_LANGUAGE;
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage can be disabled by browser policy; the choice then lasts for this page only.
  }
}

function readRemembered(): Language | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
