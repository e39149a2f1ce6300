import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error';
import type { DownloadedFile } from '../api/client';
import { saveFile } from '../api/save-file';
import { ErrorMessage } from './error-message';

export interface DownloadButtonProps {
  label: string;
  /** Fetches the file with the session's token. */
  download: () => Promise<DownloadedFile>;
  /** Used when the server sends no file name. */
  fallbackName: string;
  className?: string;
  testId?: string;
}

/** A button that downloads an authenticated file and shows the failure, if any, beside it. */
export function DownloadButton({ label, download, fallbackName, className, testId }: DownloadButtonProps) {
  const { t } = useTranslation();
  const mutation = useMutation<DownloadedFile, ApiError>({
    mutationFn: download,
    onSuccess: (file) => saveFile(file, fallbackName),
  });
  return (
    <span className={['download', className].filter(Boolean).join(' ')}>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => mutation.mutate()}
        disabled={mutation.isPending}
        data-testid={testId}
      >
        {mutation.isPending ? t('download.pending') : label}
      </button>
      {mutation.error && <ErrorMessage error={mutation.error} title={t('download.failed')} />}
    </span>
  );
}
