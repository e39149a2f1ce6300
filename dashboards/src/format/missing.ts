/** What every formatter shows for a value that is absent or not a finite number. */
export const MISSING = '—';

export function isPresentNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
