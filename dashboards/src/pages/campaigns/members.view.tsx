import { CAMPAIGN_EXCLUSION_REASONS, TIERS } from '@banca/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { campaignPath, memberQueryParams, useAudienceMembersQuery, type MemberFilters } from '../../campaigns/campaigns.queries';
import { LoadingPanel } from '../../components/loading-panel';
import { SectionCard } from '../../components/section-card';
import { formatCalendarDate } from '../../format/date.format';
import { MISSING } from '../../format/missing';
import { formatCount } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { CampaignExportButtons } from './export-buttons.view';

/** Members per page of the drill-down; the export has them all. */
export const MEMBERS_PAGE_SIZE = 50;

type FilterKey = 'group' | 'reason' | 'converted' | 'tier' | 'branch' | 'region' | 'page' | 'members';

export interface MembersViewProps {
  code: string;
  filters: MemberFilters;
  onChange: (changes: Partial<Record<FilterKey, string | undefined>>) => void;
}

/** The pseudonymised customers behind a figure (customer reference only), filtered as drilled, with CSV/Arrow export. */
export function MembersView({ code, filters, onChange }: MembersViewProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const ids = { group: useId(), reason: useId(), converted: useId() };
  const members = useAudienceMembersQuery(code, filters, MEMBERS_PAGE_SIZE);
  const page = filters.page ?? 1;
  const { page: _page, ...exportFilters } = memberQueryParams(filters, MEMBERS_PAGE_SIZE);
  const { pageSize: _pageSize, ...exportQuery } = exportFilters;
  const tierLabel = (tier: string | null) => {
    const known = TIERS.find((candidate) => candidate === tier);
    return known ? t(`tiers.${known}`) : (tier ?? MISSING);
  };
  const applied = [
    filters.tier && `${t('campaigns.dimensions.tier')}: ${t(`tiers.${filters.tier}`)}`,
    filters.branch && `${t('campaigns.dimensions.branch')}: ${filters.branch}`,
    filters.region && `${t('campaigns.dimensions.region')}: ${filters.region}`,
  ].filter(Boolean);

  return (
    <SectionCard
      titleId="members-title"
      testId="campaign-members"
      title={t('campaigns.members.title')}
      description={t('campaigns.members.description')}
      actions={
        <button type="button" className="button button--link" onClick={() => onChange({ members: undefined, group: undefined, reason: undefined, converted: undefined, tier: undefined, branch: undefined, region: undefined, page: undefined })}>
          {t('campaigns.members.close')}
        </button>
      }
    >
      <form className="member-filters" onSubmit={(event) => event.preventDefault()} aria-label={t('campaigns.members.filters')}>
        <div className="filter">
          <label className="filter__label" htmlFor={ids.group}>{t('campaigns.members.group')}</label>
          <select id={ids.group} className="select" value={filters.group ?? ''} onChange={(event) => onChange({ group: event.target.value || undefined, reason: undefined, page: undefined })}>
            <option value="">{t('campaigns.members.allGroups')}</option>
            {(['treatment', 'holdout', 'excluded'] as const).map((group) => (
              <option key={group} value={group}>{t(`campaigns.arms.${group}`)}</option>
            ))}
          </select>
        </div>
        {filters.group === 'excluded' && (
          <div className="filter">
            <label className="filter__label" htmlFor={ids.reason}>{t('campaigns.members.reason')}</label>
            <select id={ids.reason} className="select" value={filters.reason ?? ''} onChange={(event) => onChange({ reason: event.target.value || undefined, page: undefined })}>
              <option value="">{t('campaigns.members.allReasons')}</option>
              {CAMPAIGN_EXCLUSION_REASONS.map((reason) => (
                <option key={reason} value={reason}>{t(`campaigns.exclusionReasons.${reason}`)}</option>
              ))}
            </select>
          </div>
        )}
        <div className="filter">
          <label className="filter__label" htmlFor={ids.converted}>{t('campaigns.members.converted')}</label>
          <select id={ids.converted} className="select" value={filters.converted ?? ''} onChange={(event) => onChange({ converted: event.target.value || undefined, page: undefined })}>
            <option value="">{t('campaigns.members.anyConversion')}</option>
            <option value="true">{t('campaigns.members.yes')}</option>
            <option value="false">{t('campaigns.members.no')}</option>
          </select>
        </div>
        {applied.length > 0 && (
          <p className="muted small">
            {applied.join(' · ')}{' '}
            <button type="button" className="button button--link button--small" onClick={() => onChange({ tier: undefined, branch: undefined, region: undefined, page: undefined })}>
              {t('campaigns.members.clearPlace')}
            </button>
          </p>
        )}
      </form>
      <LoadingPanel query={members} isEmpty={(data) => data.items.length === 0} emptyMessage={t('campaigns.members.empty')}>
        {(data) => (
          <>
            <p className="muted small" data-testid="members-total">{t('campaigns.members.total', { total: formatCount(data.total, language) })}</p>
            <div className="table-scroll">
              <table className="data-table data-table--compact" data-testid="members-table">
                <thead>
                  <tr>
                    <th scope="col">{t('campaigns.members.customerRef')}</th>
                    <th scope="col">{t('campaigns.members.group')}</th>
                    <th scope="col">{t('campaigns.members.reason')}</th>
                    <th scope="col">{t('campaigns.dimensions.tier')}</th>
                    <th scope="col">{t('campaigns.dimensions.branch')}</th>
                    <th scope="col">{t('campaigns.dimensions.region')}</th>
                    <th scope="col">{t('campaigns.members.converted')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((member) => (
                    <tr key={member.customerRef} data-customer-ref={member.customerRef}>
                      <th scope="row"><code>{member.customerRef}</code></th>
                      <td>{t(`campaigns.arms.${member.group}`)}</td>
                      <td>{member.exclusionReason ? t(`campaigns.exclusionReasons.${member.exclusionReason}`) : MISSING}</td>
                      <td>{tierLabel(member.tier)}</td>
                      <td>{member.branchCode ?? MISSING}</td>
                      <td>{member.region ?? MISSING}</td>
                      <td>{member.converted ? formatCalendarDate(member.firstConvertedOn, language) : t('campaigns.members.no')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="pager">
              <button type="button" className="button button--secondary button--small" disabled={page <= 1} onClick={() => onChange({ page: page - 1 <= 1 ? undefined : String(page - 1) })}>
                {t('campaigns.members.previous')}
              </button>
              <span className="muted small">{t('campaigns.members.page', { page, pages: Math.max(1, Math.ceil(data.total / data.pageSize)) })}</span>
              <button type="button" className="button button--secondary button--small" disabled={page * data.pageSize >= data.total} onClick={() => onChange({ page: String(page + 1) })}>
                {t('campaigns.members.next')}
              </button>
            </div>
          </>
        )}
      </LoadingPanel>
      <CampaignExportButtons path={`${campaignPath(code)}/audience/members`} query={exportQuery} fileBaseName={`${code}-members`} testId="members-export" />
    </SectionCard>
  );
}
