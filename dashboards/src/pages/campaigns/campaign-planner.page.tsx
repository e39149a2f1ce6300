import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCampaignQuery } from '../../campaigns/campaigns.queries';
import { LoadingPanel } from '../../components/loading-panel';
import { useDocumentTitle } from '../../i18n/use-document-title';
import { CampaignStatusBadge } from './campaign-badges.view';
import { LaunchPanel } from './launch-panel.view';
import { PlannerForm } from './planner-form.view';
import './campaigns.css';

/** /campaigns/new: plan a new campaign. /campaigns/:code/plan: edit its draft, launch it and follow the audience build. */
export function CampaignPlannerPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const campaign = useCampaignQuery(code, code !== '');
  const [dirty, setDirty] = useState(false);
  useDocumentTitle(code ? `${code} · ${t('campaigns.planner.title')}` : t('campaigns.planner.titleNew'));

  return (
    <div className="page campaigns">
      <p className="campaign-back">
        <Link to="/campaigns">← {t('campaigns.planner.back')}</Link>
      </p>
      {code === '' ? (
        <>
          <header className="page__header">
            <div>
              <h1 className="page__title">{t('campaigns.planner.titleNew')}</h1>
              <p className="page__intro">{t('campaigns.planner.intro')}</p>
            </div>
          </header>
          <PlannerForm campaign={null} launchProblems={[]} onDirtyChange={setDirty} />
        </>
      ) : (
        <LoadingPanel query={campaign} className="loading-panel--page">
          {(data) => (
            <div className="stack">
              <header className="page__header">
                <div>
                  <h1 className="page__title">
                    {data.name} <code className="campaign-title__code">{data.code}</code>
                  </h1>
                  <p className="page__intro">{data.status === 'draft' ? t('campaigns.planner.intro') : t('campaigns.planner.locked')}</p>
                </div>
                <CampaignStatusBadge status={data.status} />
              </header>
              {data.status === 'draft' && <PlannerForm key={data.code} campaign={data} launchProblems={data.launchProblems} onDirtyChange={setDirty} />}
              <LaunchPanel campaign={data} dirty={dirty} />
            </div>
          )}
        </LoadingPanel>
      )}
    </div>
  );
}
