import type { IngestionRunDto, IngestionRunStatus } from '@banca/contracts';

/** How often a queued or running run is asked for its progress. */
export const RUN_POLL_INTERVAL_MS = 1_000;

/** A run that will still change: its counts and progress are worth polling. */
export function isRunActive(status: IngestionRunStatus): boolean {
  return status === 'queued' || status === 'running';
}

/** react-query's refetchInterval for one run: poll while active, stop once completed or failed. */
export function runRefetchInterval(run: Pick<IngestionRunDto, 'status'> | undefined): number | false {
  return run !== undefined && isRunActive(run.status) ? RUN_POLL_INTERVAL_MS : false;
}

/** Progress to draw, 0–100: a completed run is full whatever the last byte count said. */
export function runProgressPercent(run: Pick<IngestionRunDto, 'status' | 'progress'>): number {
  if (run.status === 'completed') return 100;
  return Math.min(100, Math.max(0, run.progress.percent));
}
