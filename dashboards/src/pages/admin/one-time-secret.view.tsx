import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface OneTimeSecretProps {
  title: string;
  intro: string;
  secret: string;
  warning: string;
  onDismiss: () => void;
  testId: string;
}

/** A password or token the server returns once: shown with a copy button and a warning, until dismissed. */
export function OneTimeSecret({ title, intro, secret, warning, onDismiss, testId }: OneTimeSecretProps) {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <div className="one-time-secret" role="status" data-testid={testId}>
      <p className="error-message__title">{title}</p>
      <p>{intro}</p>
      <div className="one-time-secret__value">
        <code data-testid={`${testId}-value`}>{secret}</code>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() =>
            // The clipboard needs a secure context and permission: say so rather than fail silently.
            void navigator.clipboard.writeText(secret).then(
              () => setCopy('copied'),
              () => setCopy('failed'),
            )
          }
        >
          {copy === 'copied' ? t('admin.secret.copied') : t('admin.secret.copy')}
        </button>
      </div>
      {copy === 'failed' && <p className="field__error">{t('admin.secret.copyFailed')}</p>}
      <p className="field__help" role="note">
        <strong>{warning}</strong>
      </p>
      <button type="button" className="button button--secondary button--small" onClick={onDismiss}>
        {t('admin.secret.dismiss')}
      </button>
    </div>
  );
}
