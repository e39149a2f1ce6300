import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { campaignKeys, useRefreshRollupsMutation } from '../../campaigns/campaigns.queries';
import { ErrorMessage } from '../../components/error-message';
import { formatDateTime } from '../../format/date.format';
import { useLanguage } from '../../i18n/i18n';

/** A requested refresh is followed this long before the page stops asking (the job may be queued behind others). */
const REFRESH_FOLLOW_MS = 120_000;

export interface RefreshLineProps {
  code: string;
  refreshedAt: string | null;
  canRefresh: boolean;
  /** Turns the metrics query's polling on while a requested refresh has not shown yet. */
  onAwaiting: (awaiting: boolean) => void;
}

/** "Figures refreshed at …" and, for planners, a refresh now that follows the job until new figures show. */
export function RefreshLine({ code, refreshedAt, canRefresh, onAwaiting }: RefreshLineProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const refresh = useRefreshRollupsMutation(code);
  const [awaiting, setAwaiting] = useState<{ since: string | null; at: number } | null>(null);

  useEffect(() => {
    if (awaiting === null) return;
    if (refreshedAt !== awaiting.since || Date.now() - awaiting.at > REFRESH_FOLLOW_MS) {
      setAwaiting(null);
      onAwaiting(false);
      void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
    }
  }, [awaiting, refreshedAt, onAwaiting, queryClient]);

  return (
    <div className="campaign-actions">
      <p className="muted small" data-testid="refreshed-at" data-refreshed-at={refreshedAt ?? ''}>
        {refreshedAt ? t('campaigns.detail.refreshedAt', { date: formatDateTime(refreshedAt, language) }) : t('campaigns.detail.neverRefreshed')}
      </p>
      {canRefresh && (
        <button
          type="button"
          className="button button--secondary button--small"
          data-testid="refresh-figures"
          disabled={refresh.isPending || awaiting !== null}
          onClick={() =>
            refresh.mutate(undefined, {
              onSuccess: () => {
                setAwaiting({ since: refreshedAt, at: Date.now() });
                onAwaiting(true);
              },
            })
          }
        >
          {awaiting !== null || refresh.isPending ? t('campaigns.detail.refreshing') : t('campaigns.detail.refresh')}
        </button>
      )}
      {refresh.error && <ErrorMessage error={refresh.error} title={t('campaigns.detail.refreshFailed')} />}
    </div>
  );
}
