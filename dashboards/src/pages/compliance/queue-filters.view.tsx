import { FINDING_STATUSES, RULE_CODES, SEVERITIES } from '@banca/domain';
import type { FindingListResponse } from '@banca/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isOrderedRange, type QueueFilters } from '../../compliance/compliance-filters';
import type { UrlFilterChanges } from '../../filters/url-filters';
import type { queueFiltersSchema } from '../../compliance/compliance-filters';
import { formatCount } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';

type Changes = UrlFilterChanges<typeof queueFiltersSchema>;

const CODE_FILTERS = ['branchCode', 'staffCode', 'productCode', 'campaignCode'] as const;
type CodeFilter = (typeof CODE_FILTERS)[number];
const CODE_LABELS = { branchCode: 'branch', staffCode: 'staff', productCode: 'product', campaignCode: 'campaign' } as const;

/** The queue's filters; each change is a new URL (and back to page 1). Codes apply on Enter or "Apply". */
export function QueueFilters({ filters, setFilters }: { filters: QueueFilters; setFilters: (changes: Changes) => void }) {
  const { t } = useTranslation();
  const ids = { severity: useId(), rule: useId(), from: useId(), to: useId(), codes: useId() };
  const codeIds = { branchCode: useId(), staffCode: useId(), productCode: useId(), campaignCode: useId() };
  const [codes, setCodes] = useState<Record<CodeFilter, string>>(() => ({
    branchCode: filters.branchCode ?? '',
    staffCode: filters.staffCode ?? '',
    productCode: filters.productCode ?? '',
    campaignCode: filters.campaignCode ?? '',
  }));
  const change = (changes: Changes) => setFilters({ ...changes, page: undefined });
  const rangeOk = isOrderedRange(filters);

  const applyCodes = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    change(Object.fromEntries(CODE_FILTERS.map((key) => [key, codes[key].trim() || undefined])));
  };

  return (
    <form className="filters filters--bar compliance-filters" aria-label={t('compliance.queue.filters.label')} onSubmit={applyCodes}>
      <div className="filter">
        <label className="filter__label" htmlFor={ids.severity}>
          {t('compliance.queue.filters.severity')}
        </label>
        <select id={ids.severity} className="select" value={filters.severity ?? ''} onChange={(event) => change({ severity: event.target.value || undefined })}>
          <option value="">{t('compliance.queue.filters.allSeverities')}</option>
          {[...SEVERITIES].reverse().map((severity) => (
            <option key={severity} value={severity}>
              {t(`compliance.severities.${severity}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label className="filter__label" htmlFor={ids.rule}>
          {t('compliance.queue.filters.rule')}
        </label>
        <select id={ids.rule} className="select" value={filters.ruleCode ?? ''} onChange={(event) => change({ ruleCode: event.target.value || undefined })}>
          <option value="">{t('compliance.queue.filters.allRules')}</option>
          {RULE_CODES.map((code) => (
            <option key={code} value={code}>
              {t(`compliance.rules.${code}`)}
            </option>
          ))}
        </select>
      </div>
      {CODE_FILTERS.map((key) => (
        <div className="filter" key={key}>
          <label className="filter__label" htmlFor={codeIds[key]}>
            {t(`compliance.queue.filters.${CODE_LABELS[key]}`)}
          </label>
          <input
            id={codeIds[key]}
            className="input compliance-filters__code"
            value={codes[key]}
            maxLength={100}
            placeholder={t('compliance.queue.filters.codePlaceholder')}
            onChange={(event) => setCodes({ ...codes, [key]: event.target.value })}
          />
        </div>
      ))}
      <div className="filter">
        <label className="filter__label" htmlFor={ids.from}>
          {t('compliance.queue.filters.from')}
        </label>
        <input
          id={ids.from}
          className="input input--date"
          type="date"
          value={filters.from ?? ''}
          max={filters.to}
          aria-invalid={rangeOk ? undefined : true}
          onChange={(event) => change({ from: event.target.value || undefined })}
        />
      </div>
      <div className="filter">
        <label className="filter__label" htmlFor={ids.to}>
          {t('compliance.queue.filters.to')}
        </label>
        <input
          id={ids.to}
          className="input input--date"
          type="date"
          value={filters.to ?? ''}
          min={filters.from}
          aria-invalid={rangeOk ? undefined : true}
          onChange={(event) => change({ to: event.target.value || undefined })}
        />
      </div>
      <div className="compliance-filters__actions">
        <button type="submit" className="button button--secondary">
          {t('compliance.queue.filters.apply')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setCodes({ branchCode: '', staffCode: '', productCode: '', campaignCode: '' });
            change({ severity: undefined, ruleCode: undefined, status: undefined, from: undefined, to: undefined, branchCode: undefined, staffCode: undefined, productCode: undefined, campaignCode: undefined });
          }}
        >
          {t('compliance.queue.filters.clear')}
        </button>
      </div>
      {!rangeOk && (
        <p className="field__error compliance-filters__problem" role="alert">
          {t('compliance.dashboard.period.order')}
        </p>
      )}
    </form>
  );
}

/** The status tabs of the queue with the number of findings in each under the other filters. */
export function StatusTabs({
  status,
  counts,
  onChange,
}: {
  status: QueueFilters['status'];
  counts: FindingListResponse['statusCounts'] | undefined;
  onChange: (status: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const countOf = (value: string) => counts?.find((row) => row.status === value)?.findings ?? 0;
  const total = counts?.reduce((sum, row) => sum + row.findings, 0);
  const tab = (value: string | undefined, label: string, count: number | undefined) => (
    <button
      key={value ?? 'all'}
      type="button"
      role="tab"
      aria-selected={status === value}
      className={status === value ? 'tabs__tab tabs__tab--active' : 'tabs__tab'}
      data-status-tab={value ?? 'all'}
      onClick={() => onChange(value)}
    >
      {label}
      {count !== undefined && <span className="tabs__count">{formatCount(count, language)}</span>}
    </button>
  );
  return (
    <div className="tabs compliance-status-tabs" role="tablist" aria-label={t('compliance.queue.tabs.label')}>
      {tab(undefined, t('compliance.queue.tabs.all'), total)}
      {FINDING_STATUSES.map((value) => tab(value, t(`compliance.statuses.${value}`), counts ? countOf(value) : undefined))}
    </div>
  );
}
