import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router-dom';
import { useLoginMutation } from '../../auth/auth.queries';
import { safeNextPath } from '../../auth/safe-next';
import { useSessionToken } from '../../auth/session.context';
import { ErrorMessage } from '../../components/error-message';
import { useDocumentTitle } from '../../i18n/use-document-title';
import { LanguageSwitch } from '../../shell/language-switch';

export function LoginPage() {
  const { t } = useTranslation();
  const token = useSessionToken();
  const [searchParams] = useSearchParams();
  const login = useLoginMutation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const usernameId = useId();
  const passwordId = useId();
  const next = safeNextPath(searchParams.get('next'));
  useDocumentTitle(t('login.title'));

  // Signing in stores the token, which lands here again and moves on.
  if (token) return <Navigate to={next} replace />;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    login.mutate({ username: username.trim(), password });
  };

  return (
    <div className="login">
      <div className="login__language">
        <LanguageSwitch />
      </div>
      <main className="login__panel card">
        <div className="brand brand--stacked">
          <span className="brand__mark" aria-hidden="true" />
          <div>
            <div className="brand__name">{t('app.name')}</div>
            <div className="brand__tagline">{t('app.tagline')}</div>
          </div>
        </div>
        <h1 className="login__title">{t('login.title')}</h1>
        <p className="login__intro">{t('login.intro')}</p>
        <form className="form" onSubmit={submit}>
          <div className="field">
            <label htmlFor={usernameId}>{t('login.username')}</label>
            <input
              id={usernameId}
              className="input"
              name="username"
              autoComplete="username"
              required
              maxLength={100}
              value={username}
              onChange={(event) => setUsername(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={passwordId}>{t('login.password')}</label>
            <input
              id={passwordId}
              className="input"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              maxLength={500}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          {login.error && (
            <ErrorMessage
              error={login.error}
              title={t('login.failed')}
              // Without a token, a 401 can only mean the credentials were refused.
              text={login.error.code === 'UNAUTHENTICATED' ? t('login.refused') : undefined}
            />
          )}
          <button type="submit" className="button button--primary button--block" disabled={login.isPending}>
            {login.isPending ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
