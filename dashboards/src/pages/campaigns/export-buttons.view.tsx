import { useTranslation } from 'react-i18next';
import type { QueryParams } from '../../api/client';
import { CAMPAIGN_EXPORT_FORMATS, downloadCampaignTable } from '../../campaigns/campaigns.queries';
import { DownloadButton } from '../../components/download-button';

export interface CampaignExportButtonsProps {
  /** The endpoint that also answers ?format=csv|arrow. */
  path: string;
  query?: QueryParams;
  /** File name when the server sends none, without extension. */
  fileBaseName: string;
  testId: string;
}

/** CSV and Arrow downloads of a campaign table, with the same parameters as on screen. */
export function CampaignExportButtons({ path, query = {}, fileBaseName, testId }: CampaignExportButtonsProps) {
  const { t } = useTranslation();
  return (
    <div className="campaign-exports" data-testid={testId}>
      <span className="muted">{t('campaigns.download.label')}</span>
      {CAMPAIGN_EXPORT_FORMATS.map((format) => (
        <DownloadButton
          key={format}
          label={t(`campaigns.download.${format}`)}
          download={() => downloadCampaignTable(path, format, query)}
          fallbackName={`${fileBaseName}.${format}`}
          testId={`${testId}-${format}`}
        />
      ))}
    </div>
  );
}
