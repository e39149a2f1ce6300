import { campaignStatusSchema } from '@banca/contracts';
import { CAMPAIGN_STATUSES } from '@banca/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../auth/session.context';
import { formatPoints, significanceMark } from '../../campaigns/campaign-figures';
import { useCampaignsQuery } from '../../campaigns/campaigns.queries';
import { LoadingPanel } from '../../components/loading-panel';
import { useUrlFilters } from '../../filters/use-url-filters';
import { formatCalendarDate } from '../../format/date.format';
import { formatCount, formatPercent } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { useDocumentTitle } from '../../i18n/use-document-title';
import { canWriteOn } from '../../navigation/page-access';
import { z } from 'zod';
import { CampaignStatusBadge } from './campaign-badges.view';
import { SpendBar } from './spend-bar.view';
import './campaigns.css';

const listFiltersSchema = z.object({ status: campaignStatusSchema.optional() });

/** Every campaign: status, partners, dates, audience, conversion per arm, uplift and spend against budget. */
export function CampaignListPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useCurrentUser();
  const statusId = useId();
  const { filters, setFilters } = useUrlFilters(listFiltersSchema);
  const campaigns = useCampaignsQuery(filters);
  const canPlan = canWriteOn('campaigns', user.role);
  useDocumentTitle(t('campaigns.list.title'));
  const percent = (value: number | null) => formatPercent(value, language);

  return (
    <div className="page campaigns">
      <header className="page__header">
        <div>
          <h1 className="page__title">{t('campaigns.list.title')}</h1>
          <p className="page__intro">{t('campaigns.list.intro')}</p>
        </div>
        <div className="campaign-actions">
          <form className="filters" aria-label={t('campaigns.list.filters')} onSubmit={(event) => event.preventDefault()}>
            <div className="filter">
              <label className="filter__label" htmlFor={statusId}>
                {t('campaigns.list.status')}
              </label>
              <select
                id={statusId}
                className="select"
                value={filters.status ?? ''}
                onChange={(event) => setFilters({ status: event.target.value === '' ? undefined : event.target.value })}
              >
                <option value="">{t('campaigns.list.allStatuses')}</option>
                {CAMPAIGN_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {t(`campaigns.statuses.${status}`)}
                  </option>
                ))}
              </select>
            </div>
          </form>
          {canPlan && (
            <Link className="button button--primary" to="/campaigns/new" data-testid="new-campaign">
              {t('campaigns.list.new')}
            </Link>
          )}
        </div>
      </header>
      <LoadingPanel query={campaigns} isEmpty={(data) => data.items.length === 0} emptyMessage={filters.status ? t('campaigns.list.emptyStatus') : t('campaigns.list.empty')}>
        {(data) => (
          <div className="card section">
            <div className="table-scroll">
              <table className="data-table" data-testid="campaign-table">
                <thead>
                  <tr>
                    <th scope="col">{t('campaigns.list.campaign')}</th>
                    <th scope="col">{t('campaigns.list.status')}</th>
                    <th scope="col">{t('campaigns.list.dates')}</th>
                    <th scope="col" className="numeric">{t('campaigns.list.audience')}</th>
                    <th scope="col" className="numeric">{t('campaigns.list.conversion')}</th>
                    <th scope="col" className="numeric">{t('campaigns.list.uplift')}</th>
                    <th scope="col">{t('campaigns.list.spend')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((item) => (
                    <tr key={item.code} data-code={item.code}>
                      <th scope="row">
                        <Link to={`/campaigns/${encodeURIComponent(item.code)}`} className="campaign-list__name">
                          {item.name}
                        </Link>
                        <span className="campaign-list__code">{item.code}</span>
                        {(item.bankPartner || item.insurerPartner) && (
                          <span className="campaign-list__partners">{[item.bankPartner, item.insurerPartner].filter(Boolean).join(' × ')}</span>
                        )}
                      </th>
                      <td>
                        <CampaignStatusBadge status={item.status} />
                      </td>
                      <td className="nowrap">
                        {formatCalendarDate(item.startDate, language)} – {formatCalendarDate(item.endDate, language)}
                      </td>
                      <td className="numeric" data-column="audience">
                        {formatCount(item.treatment, language)} / {formatCount(item.holdout, language)}
                      </td>
                      <td className="numeric" data-column="conversion">
                        {percent(item.conversionTreatment)} / {percent(item.conversionHoldout)}
                      </td>
                      <td className="numeric" data-column="uplift">
                        <span className={item.upliftSignificant ? (item.upliftPoints !== null && item.upliftPoints < 0 ? 'uplift--down' : 'uplift--up') : undefined}>
                          {formatPoints(item.upliftPoints, language)}
                          {significanceMark(item.upliftSignificant)}
                        </span>
                      </td>
                      <td>
                        <SpendBar spent={item.spent} budget={item.budget} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="muted small">{t('campaigns.list.legend')}</p>
          </div>
        )}
      </LoadingPanel>
    </div>
  );
}
