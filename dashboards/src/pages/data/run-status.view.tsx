import type { IngestionRunDto } from '@banca/contracts';
import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../../components/progress-bar';
import { formatBytes, formatCount, formatPercent } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { isRunActive, runProgressPercent } from '../../ingestion/run-status';

/** The run's status as a badge, with a progress bar (bytes and rows read so far) while it loads. */
export function RunStatus({ run }: { run: IngestionRunDto }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const percent = runProgressPercent(run);
  const { bytesRead, bytesTotal } = run.progress;
  const valueText = t('data.progress.value', {
    percent: formatPercent(percent / 100, language, 0),
    rows: formatCount(run.counts.read, language),
  });
  return (
    <div className="run-status">
      <span className={`status status--${run.status}`} data-testid="run-status">
        {t(`data.status.${run.status}`)}
      </span>
      {isRunActive(run.status) && (
        <>
          <ProgressBar percent={percent} label={t('data.progress.label', { file: run.fileName })} valueText={valueText} testId="run-progress" />
          <span className="run-status__bytes">
            {bytesTotal === null
              ? formatBytes(bytesRead, language)
              : t('data.progress.bytes', { read: formatBytes(bytesRead, language), total: formatBytes(bytesTotal, language) })}
          </span>
        </>
      )}
    </div>
  );
}
