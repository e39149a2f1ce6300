import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from './error-message';

interface LoadingPanelProps<T> {
  query: Pick<UseQueryResult<T, Error>, 'data' | 'error' | 'isPending' | 'isFetching' | 'refetch'>;
  /** When the answer has nothing to show; the panel then shows `emptyMessage` instead of the view. */
  isEmpty?: (data: T) => boolean;
  emptyMessage?: string;
  loadingMessage?: string;
  /** Shown when the answer could not be loaded. */
  errorTitle?: string;
  className?: string;
  children: (data: T) => ReactNode;
}

/** The one loading / error / empty wrapper around every view that shows server data. */
export function LoadingPanel<T>({ query, isEmpty, emptyMessage, loadingMessage, errorTitle, className, children }: LoadingPanelProps<T>) {
  const { t } = useTranslation();
  const { data, error, isPending, isFetching, refetch } = query;
  const refreshing = isFetching && !isPending;

  let content: ReactNode;
  if (error && data === undefined) {
    content = (
      <div className="loading-panel__state">
        <ErrorMessage error={error} title={errorTitle ?? t('panel.errorTitle')} />
        <button type="button" className="button button--secondary" onClick={() => void refetch()}>
          {t('panel.retry')}
        </button>
      </div>
    );
  } else if (data === undefined) {
    content = (
      <div className="loading-panel__state" role="status">
        <span className="spinner" aria-hidden="true" />
        {loadingMessage ?? t('panel.loading')}
      </div>
    );
  } else if (isEmpty?.(data)) {
    content = (
      <div className="loading-panel__state loading-panel__state--empty" role="status">
        {emptyMessage ?? t('panel.empty')}
      </div>
    );
  } else {
    content = children(data);
  }

  return (
    <div className={['loading-panel', className].filter(Boolean).join(' ')} aria-busy={isFetching}>
      {refreshing && data !== undefined && (
        <div className="loading-panel__refreshing" role="status">
          {t('panel.refreshing')}
        </div>
      )}
      {error && data !== undefined && <ErrorMessage error={error} title={errorTitle ?? t('panel.errorTitle')} />}
      {content}
    </div>
  );
}
