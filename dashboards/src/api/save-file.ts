import type { DownloadedFile } from './client';

/** Hands a downloaded blob to the browser's save dialog under the server's name, or the fallback. */
export function saveFile(file: DownloadedFile, fallbackName: string): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName ?? fallbackName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next task: revoking synchronously can cancel the download before it starts.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
