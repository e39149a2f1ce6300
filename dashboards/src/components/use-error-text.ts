import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/api-error';

const TRANSLATED_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'RATE_LIMITED', 'NETWORK', 'INVALID_RESPONSE'] as const;
type TranslatedCode = (typeof TRANSLATED_CODES)[number];

function isTranslatedCode(code: string): code is TranslatedCode {
  return (TRANSLATED_CODES as readonly string[]).includes(code);
}

/**
 * Known codes read in the user's language. Otherwise the server's message is shown as sent: validation
 * messages name the field at fault; a 500 carries no detail, so it gets the generic text.
 */
export function useErrorText(error: Error): string {
  const { t } = useTranslation();
  if (!isApiError(error)) return t('errors.unknown');
  if (isTranslatedCode(error.code)) return t(`errors.${error.code}`);
  if (error.status !== null && error.status >= 500) return t('errors.unknown');
  return error.message || t('errors.unknown');
}
