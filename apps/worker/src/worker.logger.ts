import pino, { type Logger } from 'pino';
import type { AppConfig } from '@banca/config';

/** JSON lines on stdout; job lines carry jobId and jobName, never payload values. */
export function createWorkerLogger(config: AppConfig): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'banca-worker', pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
