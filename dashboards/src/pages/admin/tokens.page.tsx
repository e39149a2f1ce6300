import type { ApiTokenDto, CreateApiTokenResponse } from '@banca/contracts';
import { ROLES, type Role } from '@banca/domain';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldIssuesOf } from '../../api/api-error';
import { isTokenUsable, tokenExpiryInstant } from '../../admin/access-forms';
import { useApiTokensQuery, useCreateApiTokenMutation, useRevokeApiTokenMutation } from '../../admin/access.queries';
import { ErrorMessage } from '../../components/error-message';
import { LoadingPanel } from '../../components/loading-panel';
import { SectionCard } from '../../components/section-card';
import { formatDateTime, reportingDate } from '../../format/date.format';
import { useLanguage } from '../../i18n/i18n';
import { useDocumentTitle } from '../../i18n/use-document-title';
import './admin.css';
import { OneTimeSecret } from './one-time-secret.view';

/** API tokens for partner systems (administrators only): create (shown once), list, revoke. */
export function ApiTokensPage() {
  const { t } = useTranslation();
  const tokens = useApiTokensQuery();
  useDocumentTitle(t('admin.tokens.title'));
  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1 className="page__title">{t('admin.tokens.title')}</h1>
          <p className="page__intro">{t('admin.tokens.intro')}</p>
        </div>
      </header>
      <div className="stack">
        <CreateTokenForm />
        <SectionCard titleId="tokens-title" testId="api-tokens" title={t('admin.tokens.list.title')} description={t('admin.tokens.list.description')}>
          <LoadingPanel query={tokens} isEmpty={(data) => data.length === 0} emptyMessage={t('admin.tokens.list.empty')}>
            {(data) => <TokensTable tokens={data} />}
          </LoadingPanel>
        </SectionCard>
      </div>
    </div>
  );
}

function isRoleValue(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

function CreateTokenForm() {
  const { t } = useTranslation();
  const ids = { title: useId(), name: useId(), role: useId(), expires: useId(), expiresHelp: useId() };
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('marketing');
  const [expiresOn, setExpiresOn] = useState('');
  const [created, setCreated] = useState<CreateApiTokenResponse | null>(null);
  const create = useCreateApiTokenMutation();
  const issues = fieldIssuesOf(create.error);
  const messagesOf = (field: string) => issues.filter((issue) => issue.field === field).map((issue) => issue.message);
  const nameMessages = messagesOf('name');
  const expiresMessages = messagesOf('expiresAt');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), role, ...(expiresOn === '' ? {} : { expiresAt: tokenExpiryInstant(expiresOn) }) },
      {
        onSuccess: (response) => {
          setCreated(response);
          setName('');
          setExpiresOn('');
        },
      },
    );
  };

  return (
    <section className="card section" aria-labelledby={ids.title} data-testid="create-token">
      <header className="section__header">
        <div>
          <h2 className="card__title" id={ids.title}>
            {t('admin.tokens.create.title')}
          </h2>
          <p className="card__description">{t('admin.tokens.create.description')}</p>
        </div>
      </header>
      <form className="upload-form__row" onSubmit={submit} noValidate>
        <div className="field field--grow">
          <label htmlFor={ids.name}>{t('admin.tokens.create.name')}</label>
          <input
            id={ids.name}
            name="name"
            className="input"
            maxLength={100}
            value={name}
            aria-invalid={nameMessages.length > 0 ? true : undefined}
            onChange={(event) => setName(event.target.value)}
          />
          {nameMessages.length > 0 && <span className="field__help field__error">{nameMessages.join(' ')}</span>}
        </div>
        <div className="field">
          <label htmlFor={ids.role}>{t('admin.tokens.create.role')}</label>
          <select
            id={ids.role}
            name="role"
            className="select"
            value={role}
            onChange={(event) => {
              if (isRoleValue(event.target.value)) setRole(event.target.value);
            }}
          >
            {ROLES.map((option) => (
              <option key={option} value={option}>
                {t(`roles.${option}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.expires}>{t('admin.tokens.create.expiresOn')}</label>
          <input
            id={ids.expires}
            name="expiresOn"
            type="date"
            className="input input--date"
            min={reportingDate(new Date())}
            value={expiresOn}
            aria-invalid={expiresMessages.length > 0 ? true : undefined}
            aria-describedby={ids.expiresHelp}
            onChange={(event) => setExpiresOn(event.target.value)}
          />
          <span id={ids.expiresHelp} className={expiresMessages.length > 0 ? 'field__help field__error' : 'field__help'}>
            {expiresMessages.length > 0 ? expiresMessages.join(' ') : t('admin.tokens.create.expiresHint')}
          </span>
        </div>
        <div className="upload-form__actions">
          <button type="submit" className="button button--primary" disabled={create.isPending || name.trim() === ''}>
            {create.isPending ? t('admin.tokens.create.submitting') : t('admin.tokens.create.submit')}
          </button>
        </div>
      </form>
      {create.error && nameMessages.length + expiresMessages.length === 0 && <ErrorMessage error={create.error} title={t('admin.tokens.create.failed')} />}
      {created && (
        <OneTimeSecret
          testId="new-token"
          title={t('admin.tokens.created.title', { name: created.apiToken.name })}
          intro={t('admin.tokens.created.intro')}
          secret={created.token}
          warning={t('admin.tokens.created.warning', { role: t(`roles.${created.apiToken.role}`) })}
          onDismiss={() => setCreated(null)}
        />
      )}
    </section>
  );
}

function TokensTable({ tokens }: { tokens: readonly ApiTokenDto[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table data-table--compact" data-testid="tokens-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.tokens.list.name')}</th>
            <th scope="col">{t('admin.tokens.list.role')}</th>
            <th scope="col">{t('admin.tokens.list.prefix')}</th>
            <th scope="col">{t('admin.tokens.list.created')}</th>
            <th scope="col">{t('admin.tokens.list.expires')}</th>
            <th scope="col">{t('admin.tokens.list.lastUsed')}</th>
            <th scope="col">{t('admin.tokens.list.status')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <TokenRow key={token.id} token={token} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TokenRow({ token }: { token: ApiTokenDto }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [confirming, setConfirming] = useState(false);
  const revoke = useRevokeApiTokenMutation();
  const usable = isTokenUsable(token, new Date());
  return (
    <tr data-token-name={token.name} data-revoked={token.revokedAt !== null}>
      <th scope="row">{token.name}</th>
      <td>{t(`roles.${token.role}`)}</td>
      <td>
        <code>{token.prefix}…</code>
      </td>
      <td className="nowrap">{formatDateTime(token.createdAt, language)}</td>
      <td className="nowrap">{token.expiresAt ? formatDateTime(token.expiresAt, language) : <span className="muted">{t('admin.tokens.list.noExpiry')}</span>}</td>
      <td className="nowrap">{token.lastUsedAt ? formatDateTime(token.lastUsedAt, language) : <span className="muted">{t('admin.tokens.list.never')}</span>}</td>
      <td data-testid="token-status">
        {token.revokedAt !== null ? (
          <span className="status status--failed">{t('admin.tokens.list.revokedAt', { date: formatDateTime(token.revokedAt, language) })}</span>
        ) : usable ? (
          <span className="status status--completed">{t('admin.tokens.list.active')}</span>
        ) : (
          <span className="status status--queued">{t('admin.tokens.list.expired')}</span>
        )}
      </td>
      <td>
        {token.revokedAt === null &&
          (confirming ? (
            <span className="confirm-inline">
              <span className="muted">{t('admin.tokens.confirmRevoke', { name: token.name })}</span>
              <button
                type="button"
                className="button button--danger button--small"
                disabled={revoke.isPending}
                onClick={() => revoke.mutate(token.id, { onSuccess: () => setConfirming(false) })}
              >
                {t('admin.tokens.confirmRevokeButton')}
              </button>
              <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(false)}>
                {t('admin.tokens.cancel')}
              </button>
            </span>
          ) : (
            <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(true)}>
              {t('admin.tokens.revoke')}
            </button>
          ))}
        {revoke.error && <ErrorMessage error={revoke.error} title={t('admin.tokens.failed')} />}
      </td>
    </tr>
  );
}
