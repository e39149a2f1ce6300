import type { FindingStatus, Severity } from '@banca/domain';
import { useTranslation } from 'react-i18next';

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <span className={`severity severity--${severity}`} data-severity={severity}>
      {t(`compliance.severities.${severity}`)}
    </span>
  );
}

export function FindingStatusBadge({ status }: { status: FindingStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`finding-status finding-status--${status}`} data-status={status}>
      {t(`compliance.statuses.${status}`)}
    </span>
  );
}
