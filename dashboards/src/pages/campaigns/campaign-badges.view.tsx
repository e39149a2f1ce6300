import type { CampaignStatus } from '@banca/domain';
import { useTranslation } from 'react-i18next';

/** A campaign's lifecycle status as a coloured pill. */
export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`campaign-status campaign-status--${status}`} data-testid="campaign-status" data-status={status}>
      {t(`campaigns.statuses.${status}`)}
    </span>
  );
}
