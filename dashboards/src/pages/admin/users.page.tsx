import { createUserRequestSchema, type UserRecordDto } from '@banca/contracts';
import { ROLES, type Role } from '@banca/domain';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldIssuesOf } from '../../api/api-error';
import { useCreateUserMutation, useSetUserDisabledMutation, useUsersQuery } from '../../admin/access.queries';
import { useCurrentUser } from '../../auth/session.context';
import { ErrorMessage } from '../../components/error-message';
import { LoadingPanel } from '../../components/loading-panel';
import { SectionCard } from '../../components/section-card';
import { formatDateTime } from '../../format/date.format';
import { useLanguage } from '../../i18n/i18n';
import { useDocumentTitle } from '../../i18n/use-document-title';
import './admin.css';
import { OneTimeSecret } from './one-time-secret.view';

/** Users of the dashboards (administrators only): create, disable and enable again; nobody is deleted. */
export function UsersPage() {
  const { t } = useTranslation();
  const users = useUsersQuery();
  useDocumentTitle(t('admin.users.title'));
  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1 className="page__title">{t('admin.users.title')}</h1>
          <p className="page__intro">{t('admin.users.intro')}</p>
        </div>
      </header>
      <div className="stack">
        <CreateUserForm />
        <SectionCard titleId="users-title" testId="users" title={t('admin.users.list.title')} description={t('admin.users.list.description')}>
          <LoadingPanel query={users} isEmpty={(data) => data.length === 0} emptyMessage={t('admin.users.list.empty')}>
            {(data) => <UsersTable users={data} />}
          </LoadingPanel>
        </SectionCard>
      </div>
    </div>
  );
}

function isRoleValue(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

function CreateUserForm() {
  const { t } = useTranslation();
  const ids = { title: useId(), username: useId(), usernameHelp: useId(), displayName: useId(), role: useId(), password: useId(), passwordHelp: useId() };
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('marketing');
  const [password, setPassword] = useState('');
  const [created, setCreated] = useState<{ username: string; secret: string; generated: boolean } | null>(null);
  const create = useCreateUserMutation();
  const issues = fieldIssuesOf(create.error);
  const issueOf = (field: string) => issues.filter((issue) => issue.field === field).map((issue) => issue.message);
  const placed = new Set(['username', 'displayName', 'role', 'password']);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const request = { username, role, ...(displayName.trim() === '' ? {} : { displayName }), ...(password === '' ? {} : { password }) };
    // Parsed as the API will: a username with spaces or capitals is sent as the API stores it.
    const parsed = createUserRequestSchema.safeParse(request);
    create.mutate(parsed.success ? parsed.data : request, {
      onSuccess: (response) => {
        const secret = response.generatedPassword ?? password;
        setCreated({ username: response.user.username, secret, generated: response.generatedPassword !== undefined });
        setUsername('');
        setDisplayName('');
        setPassword('');
      },
    });
  };

  const field = (id: string, label: string, name: string, value: string, onChange: (value: string) => void, help?: { id: string; text: string }, type = 'text') => {
    const messages = issueOf(name);
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          name={name}
          type={type}
          className="input"
          value={value}
          autoComplete={type === 'password' ? 'new-password' : 'off'}
          aria-invalid={messages.length > 0 ? true : undefined}
          aria-describedby={help?.id}
          onChange={(event) => onChange(event.target.value)}
        />
        {help && (
          <span id={help.id} className={messages.length > 0 ? 'field__help field__error' : 'field__help'}>
            {messages.length > 0 ? messages.join(' ') : help.text}
          </span>
        )}
        {!help && messages.length > 0 && <span className="field__help field__error">{messages.join(' ')}</span>}
      </div>
    );
  };

  return (
    <section className="card section" aria-labelledby={ids.title} data-testid="create-user">
      <header className="section__header">
        <div>
          <h2 className="card__title" id={ids.title}>
            {t('admin.users.create.title')}
          </h2>
          <p className="card__description">{t('admin.users.create.description')}</p>
        </div>
      </header>
      <form className="upload-form__row" onSubmit={submit} noValidate>
        {field(ids.username, t('admin.users.create.username'), 'username', username, setUsername, { id: ids.usernameHelp, text: t('admin.users.create.usernameHint') })}
        {field(ids.displayName, t('admin.users.create.displayName'), 'displayName', displayName, setDisplayName)}
        <div className="field">
          <label htmlFor={ids.role}>{t('admin.users.create.role')}</label>
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
        {field(ids.password, t('admin.users.create.password'), 'password', password, setPassword, { id: ids.passwordHelp, text: t('admin.users.create.passwordHint') }, 'password')}
        <div className="upload-form__actions">
          <button type="submit" className="button button--primary" disabled={create.isPending || username.trim() === ''}>
            {create.isPending ? t('admin.users.create.submitting') : t('admin.users.create.submit')}
          </button>
        </div>
      </form>
      {create.error && issues.every((issue) => !placed.has(issue.field)) && <ErrorMessage error={create.error} title={t('admin.users.create.failed')} />}
      {created && (
        <OneTimeSecret
          testId="user-password"
          title={t('admin.users.created.title', { username: created.username })}
          intro={created.generated ? t('admin.users.created.generated') : t('admin.users.created.entered')}
          secret={created.secret}
          warning={t('admin.users.created.warning')}
          onDismiss={() => setCreated(null)}
        />
      )}
    </section>
  );
}

function UsersTable({ users }: { users: readonly UserRecordDto[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table data-table--compact" data-testid="users-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.users.list.username')}</th>
            <th scope="col">{t('admin.users.list.displayName')}</th>
            <th scope="col">{t('admin.users.list.role')}</th>
            <th scope="col">{t('admin.users.list.lastLogin')}</th>
            <th scope="col">{t('admin.users.list.created')}</th>
            <th scope="col">{t('admin.users.list.status')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <UserRow key={user.id} user={user} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UserRow({ user }: { user: UserRecordDto }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useCurrentUser();
  const [confirming, setConfirming] = useState(false);
  const change = useSetUserDisabledMutation();
  const disabled = user.disabledAt !== null;
  return (
    <tr data-username={user.username} data-disabled={disabled}>
      <th scope="row">
        <code>{user.username}</code>
        {user.id === me.id && <span className="badge badge--light">{t('admin.users.list.you')}</span>}
      </th>
      <td>{user.displayName}</td>
      <td>{t(`roles.${user.role}`)}</td>
      <td className="nowrap">{user.lastLoginAt ? formatDateTime(user.lastLoginAt, language) : <span className="muted">{t('admin.users.list.never')}</span>}</td>
      <td className="nowrap">{formatDateTime(user.createdAt, language)}</td>
      <td data-testid="user-status">
        {disabled ? (
          <span className="status status--failed">{t('admin.users.list.disabledSince', { date: formatDateTime(user.disabledAt, language) })}</span>
        ) : (
          <span className="status status--completed">{t('admin.users.list.active')}</span>
        )}
      </td>
      <td>
        {confirming ? (
          <span className="confirm-inline">
            <span className="muted">
              {disabled ? t('admin.users.confirmEnable', { username: user.username }) : t('admin.users.confirmDisable', { username: user.username })}
            </span>
            <button
              type="button"
              className={disabled ? 'button button--primary button--small' : 'button button--danger button--small'}
              disabled={change.isPending}
              onClick={() => change.mutate({ id: user.id, disabled: !disabled }, { onSuccess: () => setConfirming(false) })}
            >
              {disabled ? t('admin.users.confirmEnableButton') : t('admin.users.confirmDisableButton')}
            </button>
            <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(false)}>
              {t('admin.users.cancel')}
            </button>
          </span>
        ) : (
          <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(true)}>
            {disabled ? t('admin.users.enable') : t('admin.users.disable')}
          </button>
        )}
        {change.error && <ErrorMessage error={change.error} title={t('admin.users.failed')} />}
      </td>
    </tr>
  );
}
