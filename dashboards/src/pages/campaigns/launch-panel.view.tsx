import type { CampaignDto } from '@banca/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useLaunchCampaignMutation } from '../../campaigns/campaigns.queries';
import { ErrorMessage } from '../../components/error-message';
import { SectionCard } from '../../components/section-card';
import { AudienceSummary } from './audience-summary.view';

/** Statuses a launch may start from: a draft, or a scheduled campaign not yet started (its audience is rebuilt). */
const LAUNCHABLE = new Set<CampaignDto['status']>(['draft', 'scheduled']);

/** What still stops a launch, the launch button, then the audience build as it happens. */
export function LaunchPanel({ campaign, dirty }: { campaign: CampaignDto; dirty: boolean }) {
  const { t } = useTranslation();
  const launch = useLaunchCampaignMutation(campaign.code);
  const launchable = LAUNCHABLE.has(campaign.status);
  const building = campaign.audience.status === 'building';

  return (
    <SectionCard titleId="launch-title" testId="launch-panel" title={t('campaigns.launch.title')} description={t('campaigns.launch.description')}>
      {launchable && campaign.launchProblems.length > 0 && (
        <>
          <p className="notice notice--warning">{t('campaigns.launch.problemsIntro')}</p>
          <ul className="launch-problems" data-testid="launch-problems">
            {campaign.launchProblems.map((problem) => (
              <li key={`${problem.field}:${problem.message}`}>
                <code>{problem.field}</code> {problem.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {launchable && (
        <div className="editor-actions">
          <button
            type="button"
            className="button button--primary"
            data-testid="launch-campaign"
            disabled={launch.isPending || building || dirty || campaign.launchProblems.length > 0}
            onClick={() => launch.mutate()}
          >
            {launch.isPending ? t('campaigns.launch.launching') : campaign.status === 'scheduled' ? t('campaigns.launch.relaunch') : t('campaigns.launch.launch')}
          </button>
          {dirty && <span className="muted">{t('campaigns.launch.saveFirst')}</span>}
        </div>
      )}
      {launch.error && <ErrorMessage error={launch.error} title={t('campaigns.launch.failed')} />}
      {campaign.audience.status !== 'none' && <AudienceSummary audience={campaign.audience} />}
      {campaign.status !== 'draft' && (
        <p>
          <Link to={`/campaigns/${encodeURIComponent(campaign.code)}`} data-testid="open-detail">
            {t('campaigns.launch.openDetail')} →
          </Link>
        </p>
      )}
    </SectionCard>
  );
}
