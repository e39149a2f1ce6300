import { describe, expect, it } from 'vitest';
import { isRunActive, RUN_POLL_INTERVAL_MS, runProgressPercent, runRefetchInterval } from './run-status';

const progress = (percent: number) => ({ bytesRead: 0, bytesTotal: null, percent });

describe('isRunActive', () => {
  it.each([
    ['queued', true],
    ['running', true],
    ['completed', false],
    ['failed', false],
  ] as const)('%s → %s', (status, active) => {
    expect(isRunActive(status)).toBe(active);
  });
});

describe('runRefetchInterval', () => {
  it('polls a queued or running run', () => {
    expect(runRefetchInterval({ status: 'queued' })).toBe(RUN_POLL_INTERVAL_MS);
    expect(runRefetchInterval({ status: 'running' })).toBe(RUN_POLL_INTERVAL_MS);
  });

  it('stops once the run is completed or failed, and before anything is known', () => {
    expect(runRefetchInterval({ status: 'completed' })).toBe(false);
    expect(runRefetchInterval({ status: 'failed' })).toBe(false);
    expect(runRefetchInterval(undefined)).toBe(false);
  });
});

describe('runProgressPercent', () => {
  it('is the reported percent while running', () => {
    expect(runProgressPercent({ status: 'running', progress: progress(42.5) })).toBe(42.5);
  });

  it('is full once completed, even if the last report was short of 100', () => {
    expect(runProgressPercent({ status: 'completed', progress: progress(97) })).toBe(100);
  });

  it('keeps a failed run where it stopped', () => {
    expect(runProgressPercent({ status: 'failed', progress: progress(30) })).toBe(30);
  });
});
