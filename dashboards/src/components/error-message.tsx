import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/api-error';
import { useErrorText } from './use-error-text';

/** An error in words the user can act on, plus the ids support needs to find it in the logs. */
export function ErrorMessage({ error, title, text }: { error: Error; title: string; text?: string }) {
  const { t } = useTranslation();
  const fallbackText = useErrorText(error);
  const requestId = isApiError(error) ? error.requestId : null;
  const errorId = isApiError(error) ? error.errorId : null;
  return (
    <div className="error-message" role="alert">
      <p className="error-message__title">{title}</p>
      <p className="error-message__text">{text ?? fallbackText}</p>
      {(requestId || errorId) && (
        <dl className="error-message__ids">
          {requestId && (
            <div>
              <dt>{t('panel.requestId')}</dt>
              <dd data-testid="request-id">{requestId}</dd>
            </div>
          )}
          {errorId && (
            <div>
              <dt>{t('panel.errorId')}</dt>
              <dd>{errorId}</dd>
            </div>
          )}
        </dl>
      )}
    </div>
  );
}
