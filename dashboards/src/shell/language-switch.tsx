import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n/i18n';
import { isLanguage, LANGUAGES, rememberLanguage } from '../i18n/language';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id} className="visually-hidden">
        {t('language.label')}
      </label>
      <select
        id={id}
        className="select select--compact"
        value={language}
        onChange={(event) => {
          const next = event.target.value;
          if (!isLanguage(next)) return;
          rememberLanguage(next);
          void i18n.changeLanguage(next);
        }}
      >
        {LANGUAGES.map((option) => (
          <option key={option} value={option} lang={option}>
            {t(`language.${option}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
