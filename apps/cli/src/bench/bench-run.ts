import type { JobStatus } from '@banca/queue';
import { collectGarbage, MemorySampler, type MemoryReport } from './memory-sampler';

/**
 * Runs a bench's measurements with memory sampled throughout (a full collection first, the first phase
 * named `firstPhase`); the sampler is stopped whether they succeed or not.
 */
export async function withMemorySampled<T>(firstPhase: string, measure: (memory: MemorySampler) => Promise<T>): Promise<T & { memory: MemoryReport }> {
  const memory = new MemorySampler();
  collectGarbage();
  memory.start(firstPhase);
  let figures: T;
  try {
    figures = await measure(memory);
  } catch (error) {
    await memory.stop();
    throw error;
  }
  return { ...figures, memory: await memory.stop() };
}

/** A job's duration in seconds by the queue's own clock, so it does not depend on how soon this process hears of its end. */
export function jobSeconds(job: JobStatus, startMs: number): number {
  const end = job.finishedAt === undefined ? Date.now() : Date.parse(job.finishedAt);
  return Math.max(0, end - startMs) / 1000;
}

/** Rows as a plain-text table, columns padded to their widest cell (right-aligned where asked). */
export function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) => r.map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd())
    .join('\n');
}
