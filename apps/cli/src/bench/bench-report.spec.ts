import { describe, expect, it } from 'vitest';
import type { IngestionRunDto } from '@banca/contracts';
import { formatIngestBench, ingestBenchFigures } from './bench-report';
import type { IngestBenchResult } from './ingest-bench';

const MB = 1024 ** 2;

function run(overrides: Partial<IngestionRunDto> = {}): IngestionRunDto {
  return {
    id: '0b5f3d7e-3c1a-4c55-9d0e-2f8a4b6c1d20',
    entity: 'customers',
    fileName: 'bench-customers.csv',
    format: 'csv',
    encoding: 'utf-8',
    pseudonymized: false,
    status: 'completed',
    jobId: 'ingestion:ingest-0b5f3d7e-3c1a-4c55-9d0e-2f8a4b6c1d20',
    counts: { read: 1_000_000, inserted: 1_000_000, updated: 0, unchanged: 0, rejected: 0, skipped: 0 },
    progress: { bytesRead: 133 * MB, bytesTotal: 133 * MB, percent: 100 },
    ignoredColumns: [],
    mapping: null,
    notes: [],
    error: null,
    createdBy: null,
    createdAt: '2025-06-30T10:00:00.000Z',
    startedAt: '2025-06-30T10:00:00.000Z',
    finishedAt: '2025-06-30T10:00:40.000Z',
    ...overrides,
  };
}

function result(overrides: Partial<IngestBenchResult> = {}): IngestBenchResult {
  return {
    rows: 1_000_000,
    fileBytes: 133 * MB,
    database: 'postgres',
    queue: 'in-process',
    jobsInThisProcess: true,
    generateSeconds: 6,
    plainCopy: { rows: 1_000_000, seconds: 8 },
    ingest: { run: run(), spoolSeconds: 0.5, seconds: 40 },
    retier: { seconds: 10, customers: 1_000_000, ruleVersion: 1 },
    memory: {
      startRss: 100 * MB,
      peakRss: 250 * MB,
      peakHeapUsed: 120 * MB,
      phases: [
        { phase: 'plain COPY', peak: { rss: 150 * MB, heapUsed: 60 * MB } },
        { phase: 'platform ingest', peak: { rss: 250 * MB, heapUsed: 120 * MB } },
      ],
    },
    ...overrides,
  };
}

describe('ingest bench report', () => {
  it('gives rows/s of both loads and their ratio, the re-tier time and memory in MB', () => {
    const figures = ingestBenchFigures(result());
    expect(figures).toMatchObject({
      ingestRowsPerSecond: 25_000,
      copyRowsPerSecond: 125_000,
      ratio: 0.2,
      retierSeconds: 10,
      peakRssMb: 250,
      startRssMb: 100,
      peakHeapMb: 120,
      memoryScope: 'process',
      status: 'completed',
    });
  });

  it('prints every figure in one table, the counts, and the memory of each phase', () => {
    const text = formatIngestBench(result(), 'PostgreSQL');
    expect(text).toContain('1,000,000 customer rows (133.0 MB CSV) on PostgreSQL, queue in-process');
    expect(text).toMatch(/platform ingest\s+1,000,000\s+40\.00\s+25,000/);
    expect(text).toMatch(/plain COPY\s+1,000,000\s+8\.00\s+125,000\s+the same file as is \(raw ids\)/);
    expect(text).toMatch(/ratio\s+0\.20\s+platform \/ plain COPY \(aim >= 0\.5\)/);
    expect(text).toMatch(/re-tier\s+1,000,000\s+10\.00\s+100,000/);
    expect(text).toMatch(/peak RSS\s+250\.0 MB\s+this process, whole run \(aim < 400 MB\)/);
    expect(text).toContain('read 1,000,000 · inserted 1,000,000 · updated 0 · unchanged 0 · rejected 0');
    expect(text).toContain('plain COPY 150.0 / 60.0 MB · platform ingest 250.0 / 120.0 MB');
    expect(text).not.toContain('re-load');
  });

  it('says when the memory is the CLI process only and when the database held the customers already', () => {
    const reload = result({
      queue: 'bullmq',
      jobsInThisProcess: false,
      ingest: { run: run({ counts: { read: 1_000_000, inserted: 0, updated: 0, unchanged: 1_000_000, rejected: 0, skipped: 0 } }), spoolSeconds: 0.5, seconds: 30 },
    });
    expect(ingestBenchFigures(reload).memoryScope).toBe('cli-process');
    const text = formatIngestBench(reload, 'PostgreSQL');
    expect(text).toContain('the CLI process only: jobs ran in worker processes');
    expect(text).toContain('this measured a re-load');
  });

  it('shows a failed run with its error and no re-tier', () => {
    const failed = result({
      ingest: { run: run({ status: 'failed', error: 'the load stopped unexpectedly (attempt 3); it is retried' }), spoolSeconds: 0.5, seconds: 3 },
      retier: null,
    });
    const text = formatIngestBench(failed, 'PostgreSQL');
    expect(text).toContain('failed: read');
    expect(text).toContain('  error: the load stopped unexpectedly');
    expect(text).toMatch(/re-tier\s+-\s+did not run/);
    expect(ingestBenchFigures(failed).retierSeconds).toBeNull();
  });
});
