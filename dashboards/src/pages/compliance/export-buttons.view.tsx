import { useTranslation } from 'react-i18next';
import type { QueryParams } from '../../api/client';
import { DownloadButton } from '../../components/download-button';
import { COMPLIANCE_EXPORT_FORMATS, downloadComplianceTable } from '../../compliance/compliance.queries';

export interface ExportButtonsProps {
  /** The endpoint that also answers ?format=csv|arrow. */
  path: string;
  query?: QueryParams;
  /** File name when the server sends none, without extension. */
  fileBaseName: string;
  label?: string;
  testId: string;
}

/** CSV and Arrow downloads of a compliance table, with the same filters as on screen. */
export function ExportButtons({ path, query = {}, fileBaseName, label, testId }: ExportButtonsProps) {
  const { t } = useTranslation();
  return (
    <div className="compliance-exports" data-testid={testId}>
      <span className="muted">{label ?? t('compliance.download.label')}</span>
      {COMPLIANCE_EXPORT_FORMATS.map((format) => (
        <DownloadButton
          key={format}
          label={t(`compliance.download.${format}`)}
          download={() => downloadComplianceTable(path, format, query)}
          fallbackName={`${fileBaseName}.${format}`}
          testId={`${testId}-${format}`}
        />
      ))}
    </div>
  );
}
