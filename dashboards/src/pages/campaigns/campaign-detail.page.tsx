import type { CampaignDto } from '@banca/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCurrentUser } from '../../auth/session.context';
import { detailFiltersSchema, drillDownChanges, memberFilters } from '../../campaigns/campaign-filters';
import { useCampaignMetricsQuery, useCampaignQuery } from '../../campaigns/campaigns.queries';
import { LoadingPanel } from '../../components/loading-panel';
import { useUrlFilters } from '../../filters/use-url-filters';
import { formatCalendarDate } from '../../format/date.format';
import { formatPercent } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { useDocumentTitle } from '../../i18n/use-document-title';
import { canWriteOn } from '../../navigation/page-access';
import { AudienceSummary } from './audience-summary.view';
import { BreakdownView } from './breakdown.view';
import { CampaignActions } from './campaign-actions.view';
import { CampaignStatusBadge } from './campaign-badges.view';
import { MembersView } from './members.view';
import { MetricsSummary } from './metrics-summary.view';
import { MoneyView } from './money.view';
import { OutcomesView } from './outcomes.view';
import { RefreshLine } from './refresh-line.view';
import { RetentionView } from './retention.view';
import { UpliftTrendView } from './uplift-trend.view';
import { SectionCard } from '../../components/section-card';
import './campaigns.css';

/** One campaign: plan at a glance, funnel, arms with intervals, uplift, money, retention, complaints, breakdowns and members. */
export function CampaignDetailPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const campaign = useCampaignQuery(code);
  useDocumentTitle(campaign.data ? `${campaign.data.name} · ${t('campaigns.detail.title')}` : t('campaigns.detail.title'));

  return (
    <div className="page campaigns">
      <p className="campaign-back">
        <Link to="/campaigns">← {t('campaigns.detail.back')}</Link>
      </p>
      <LoadingPanel query={campaign} className="loading-panel--page">
        {(data) => <CampaignDetailBody campaign={data} />}
      </LoadingPanel>
    </div>
  );
}

function CampaignDetailBody({ campaign }: { campaign: CampaignDto }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useCurrentUser();
  const canPlan = canWriteOn('campaigns', user.role);
  const [awaitingRefresh, setAwaitingRefresh] = useState(false);
  const metrics = useCampaignMetricsQuery(campaign.code, awaitingRefresh);
  const { filters, setFilters } = useUrlFilters(detailFiltersSchema);
  const members = memberFilters(filters);
  const by = filters.by ?? 'tier';
  const onAwaiting = useCallback((awaiting: boolean) => setAwaitingRefresh(awaiting), []);
  const date = (value: string) => formatCalendarDate(value, language);
  const measured = campaign.status !== 'draft';

  return (
    <div className="stack" data-testid="campaign-detail" data-status={campaign.status}>
      <header className="page__header">
        <div>
          <h1 className="page__title">
            {campaign.name} <code className="campaign-title__code">{campaign.code}</code>
          </h1>
          <div className="campaign-header__meta" data-testid="campaign-header">
            <CampaignStatusBadge status={campaign.status} />
            <span>{t('campaigns.detail.dates', { start: date(campaign.startDate), end: date(campaign.endDate) })}</span>
            <span>{t('campaigns.detail.window', { end: date(campaign.windowEnd), days: campaign.attributionDays })}</span>
            {(campaign.bankPartner || campaign.insurerPartner) && <span>{[campaign.bankPartner, campaign.insurerPartner].filter(Boolean).join(' × ')}</span>}
            <span>{t('campaigns.detail.holdout', { share: formatPercent(campaign.holdoutShare, language, 0) })}</span>
            {campaign.productCodes.length > 0 && <span>{t('campaigns.detail.products', { codes: campaign.productCodes.join(', ') })}</span>}
          </div>
          {campaign.description && <p className="page__intro">{campaign.description}</p>}
          {campaign.cancelReason && <p className="notice">{t('campaigns.detail.cancelledBecause', { reason: campaign.cancelReason })}</p>}
        </div>
        {canPlan && <CampaignActions campaign={campaign} />}
      </header>

      {campaign.origin === 'platform' && campaign.audience.status !== 'none' && (
        <SectionCard titleId="audience-title" testId="campaign-audience" title={t('campaigns.audience.title')} description={t('campaigns.audience.description')}>
          <AudienceSummary audience={campaign.audience} />
        </SectionCard>
      )}

      {!measured ? (
        <p className="notice" data-testid="not-launched">{t('campaigns.detail.notLaunched')}</p>
      ) : (
        <LoadingPanel query={metrics}>
          {(data) => (
            <div className="stack">
              <RefreshLine code={campaign.code} refreshedAt={data.refreshedAt} canRefresh={canPlan} onAwaiting={onAwaiting} />
              <MetricsSummary metrics={data} />
              <UpliftTrendView code={campaign.code} grain={filters.grain ?? 'week'} onGrain={(grain) => setFilters({ grain })} />
              <MoneyView metrics={data} />
              <RetentionView code={campaign.code} />
              <OutcomesView metrics={data} />
              <BreakdownView
                code={campaign.code}
                by={by}
                onBy={(next) => setFilters({ by: next })}
                onDrill={(key, group) => setFilters(drillDownChanges(by, key, group))}
              />
              {members && <MembersView code={campaign.code} filters={members} onChange={setFilters} />}
              {!members && (
                <p>
                  <button type="button" className="button button--secondary" data-testid="open-members" onClick={() => setFilters({ members: 'open' })}>
                    {t('campaigns.members.open')}
                  </button>
                </p>
              )}
            </div>
          )}
        </LoadingPanel>
      )}
    </div>
  );
}
