import type { CampaignDto } from '@banca/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCampaignActionMutation } from '../../campaigns/campaigns.queries';
import { ErrorMessage } from '../../components/error-message';

/** A planner's actions on a campaign: open the planner (draft, scheduled), complete (running), cancel with a reason. */
export function CampaignActions({ campaign }: { campaign: CampaignDto }) {
  const { t } = useTranslation();
  const reasonId = useId();
  const action = useCampaignActionMutation(campaign.code);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const open = campaign.status === 'draft' || campaign.status === 'scheduled' || campaign.status === 'running';
  if (campaign.origin !== 'platform') return null;

  return (
    <div className="stack stack--tight" data-testid="campaign-actions">
      <div className="campaign-actions">
        {(campaign.status === 'draft' || campaign.status === 'scheduled') && (
          <Link className="button button--secondary" to={`/campaigns/${encodeURIComponent(campaign.code)}/plan`} data-testid="plan-campaign">
            {campaign.status === 'draft' ? t('campaigns.actions.planAndLaunch') : t('campaigns.actions.plan')}
          </Link>
        )}
        {campaign.status === 'running' && (
          <button type="button" className="button button--secondary" disabled={action.isPending} onClick={() => action.mutate({ action: 'complete' })} data-testid="complete-campaign">
            {t('campaigns.actions.complete')}
          </button>
        )}
        {open && !cancelling && (
          <button type="button" className="button button--secondary" onClick={() => setCancelling(true)} data-testid="cancel-campaign">
            {t('campaigns.actions.cancel')}
          </button>
        )}
      </div>
      {cancelling && (
        <form
          className="decision-form--inline campaign-actions"
          onSubmit={(event) => {
            event.preventDefault();
            action.mutate({ action: 'cancel', reason: reason.trim() }, { onSuccess: () => setCancelling(false) });
          }}
        >
          <div className="field">
            <label htmlFor={reasonId}>{t('campaigns.actions.cancelReason')}</label>
            <input id={reasonId} className="input" value={reason} maxLength={2000} onChange={(event) => setReason(event.target.value)} />
          </div>
          <button type="submit" className="button button--danger" disabled={action.isPending || reason.trim().length < 3}>
            {t('campaigns.actions.cancelConfirm')}
          </button>
          <button type="button" className="button button--link" onClick={() => setCancelling(false)}>
            {t('campaigns.actions.keep')}
          </button>
        </form>
      )}
      {action.error && <ErrorMessage error={action.error} title={t('campaigns.actions.failed')} />}
    </div>
  );
}
