/** Latency of a series of GET requests under concurrent load, in milliseconds. */
export interface LatencyReport {
  requests: number;
  concurrency: number;
  errors: number;
  /** The first error's status and body excerpt, when there was one. */
  firstError: string | null;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  seconds: number;
  requestsPerSecond: number;
}

export interface LoadParams {
  /** Requested in turn (request i gets urls[i % urls.length]). */
  urls: readonly string[];
  requests: number;
  concurrency: number;
  headers: Record<string, string>;
  /** Requests sent first and not measured (connections opened, code paths warmed). */
  warmup?: number;
}

/** The nearest-rank percentile (0 < p ≤ 1) of ascending values; 0 for none. */
export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) return 0;
  const rank = Math.min(sortedAscending.length, Math.max(1, Math.ceil(p * sortedAscending.length)));
  return sortedAscending[rank - 1] ?? 0;
}

/**
 * Fires `requests` GETs with `concurrency` in flight (each worker sends its next as soon as the last
 * answered, the body read to the end), after `warmup` unmeasured ones. Uses the runtime's fetch.
 */
export async function measureLatency({ urls, requests, concurrency, headers, warmup = 0 }: LoadParams): Promise<LatencyReport> {
  if (urls.length === 0) throw new Error('no URLs to load');
  let firstError: string | null = null;
  let errors = 0;
  const one = async (i: number): Promise<number> => {
    const started = performance.now();
    const response = await fetch(urls[i % urls.length]!, { headers });
    const body = await response.text();
    const ms = performance.now() - started;
    if (!response.ok) {
      errors += 1;
      firstError ??= `${response.status} ${body.slice(0, 200)}`;
    }
    return ms;
  };
  const run = async (count: number, record: (ms: number) => void) => {
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < count; i = next++) record(await one(i));
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  };

  await run(warmup, () => undefined);
  errors = 0;
  firstError = null;
  const durations: number[] = [];
  const started = performance.now();
  await run(requests, (ms) => durations.push(ms));
  const seconds = (performance.now() - started) / 1000;
  durations.sort((a, b) => a - b);
  return {
    requests,
    concurrency,
    errors,
    firstError,
    p50: percentile(durations, 0.5),
    p95: percentile(durations, 0.95),
    p99: percentile(durations, 0.99),
    max: durations.at(-1) ?? 0,
    mean: durations.length > 0 ? durations.reduce((a, b) => a + b, 0) / durations.length : 0,
    seconds,
    requestsPerSecond: seconds > 0 ? requests / seconds : 0,
  };
}
