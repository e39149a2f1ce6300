import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';

export interface MemoryPeak {
  /** Resident set size of the process, bytes. */
  rss: number;
  /** V8 heap in use on the main thread, bytes. */
  heapUsed: number;
}

export interface MemoryReport {
  /** Resident set size when sampling started (the application context up, its database open). */
  startRss: number;
  peakRss: number;
  peakHeapUsed: number;
  /** Peaks while each phase ran, in the order the phases started. */
  phases: { phase: string; peak: MemoryPeak }[];
}

const MAX_PHASES = 16;

/**
 * The RSS sampler runs on its own thread: PGlite executes each statement synchronously on the main
 * thread, and a timer there would not fire during a long COPY or merge. It writes the peak of the
 * current phase (an index the main thread sets) into shared memory.
 */
const RSS_SAMPLER_SOURCE = `
const { workerData } = require('node:worker_threads');
const phase = new Int32Array(workerData.phase);
const peaks = new Float64Array(workerData.peaks);
setInterval(() => {
  const i = Atomics.load(phase, 0);
  const rss = process.memoryUsage.rss();
  if (rss > peaks[i]) peaks[i] = rss;
}, workerData.intervalMs);
`;

/** Samples this process's memory (RSS from a sampler thread, main-thread heap on a timer) per phase. */
export class MemorySampler {
  private readonly phaseIndex = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  private readonly rssPeaks = new Float64Array(new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT * MAX_PHASES));
  private readonly names: string[] = [];
  private readonly heapPeaks: number[] = [];
  private startRss = 0;
  private worker: Worker | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly intervalMs = 50) {}

  start(phase: string): void {
    this.startRss = process.memoryUsage.rss();
    this.phase(phase);
    this.worker = new Worker(RSS_SAMPLER_SOURCE, {
      eval: true,
      workerData: { phase: this.phaseIndex.buffer, peaks: this.rssPeaks.buffer, intervalMs: this.intervalMs },
    });
    this.worker.unref();
    this.timer = setInterval(() => this.sample(), this.intervalMs * 2);
    this.timer.unref();
  }

  /** Ends the current phase (with a last sample) and starts the next. */
  phase(name: string): void {
    if (this.names.length > 0) this.sample();
    if (this.names.length === MAX_PHASES) throw new Error(`MemorySampler: more than ${MAX_PHASES} phases`);
    this.names.push(name);
    this.heapPeaks.push(0);
    Atomics.store(this.phaseIndex, 0, this.names.length - 1);
    this.sample();
  }

  async stop(): Promise<MemoryReport> {
    this.sample();
    clearInterval(this.timer);
    await this.worker?.terminate();
    this.worker = undefined;
    const phases = this.names.map((phase, i) => ({ phase, peak: { rss: this.rssPeaks[i] ?? 0, heapUsed: this.heapPeaks[i] ?? 0 } }));
    return {
      startRss: this.startRss,
      peakRss: Math.max(0, ...phases.map((p) => p.peak.rss)),
      peakHeapUsed: Math.max(0, ...phases.map((p) => p.peak.heapUsed)),
      phases,
    };
  }

  private sample(): void {
    const i = this.names.length - 1;
    if (i < 0) return;
    const { rss, heapUsed } = process.memoryUsage();
    if (rss > (this.rssPeaks[i] ?? 0)) this.rssPeaks[i] = rss;
    if (heapUsed > (this.heapPeaks[i] ?? 0)) this.heapPeaks[i] = heapUsed;
  }
}

/**
 * A full garbage collection, so a measurement does not start with an earlier phase's garbage still
 * resident (a closed PGlite instance keeps its WebAssembly memory until collected). The flag can be set
 * at run time; a new context then sees `gc`, as jest's leak detector does it.
 */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  if (typeof gc === 'function') gc();
}
