import type { ComplianceRuleSetDto } from '@banca/contracts';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { withFilterChanges } from '../../filters/url-filters';
import { formatCalendarDate, formatDateTime } from '../../format/date.format';
import { useLanguage } from '../../i18n/i18n';

/** Every version of the compliance rule settings, newest first; the chosen one is opened below the list. */
export function RuleVersions({ versions, selected }: { versions: readonly ComplianceRuleSetDto[]; selected: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [searchParams] = useSearchParams();
  return (
    <div className="table-scroll">
      <table className="data-table data-table--compact" data-testid="rule-versions">
        <thead>
          <tr>
            <th scope="col">{t('settings.versions.version')}</th>
            <th scope="col">{t('settings.versions.effectiveFrom')}</th>
            <th scope="col">{t('settings.versions.note')}</th>
            <th scope="col">{t('settings.versions.createdBy')}</th>
            <th scope="col">{t('settings.versions.createdAt')}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => (
            <tr
              key={version.version}
              data-version={version.version}
              className={version.version === selected ? 'is-selected' : undefined}
              aria-selected={version.version === selected}
            >
              <th scope="row" className="nowrap">
                <Link to={{ search: withFilterChanges(searchParams, { version: String(version.version) }).toString() }}>v{version.version}</Link>
                {version.inForce && (
                  <span className="status status--completed status--inline" data-testid="in-force">
                    {t('settings.versions.inForce')}
                  </span>
                )}
              </th>
              <td className="nowrap">{formatCalendarDate(version.effectiveFrom, language)}</td>
              <td data-testid="version-note">{version.note ?? ''}</td>
              <td>{version.createdBy === null ? <span className="muted">{t('settings.versions.platform')}</span> : <code className="small">{version.createdBy}</code>}</td>
              <td className="nowrap">{formatDateTime(version.createdAt, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
