import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz } from './columns';

/** One load of one file (or API batch) of one entity, with its counts. */
export const ingestionRuns = pgTable(
  'ingestion_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entity: text('entity').notNull(),
    fileName: text('file_name').notNull(),
    format: text('format'),
    encoding: text('encoding'),
    mapping: jsonb('mapping').$type<Record<string, unknown>>(),
    pseudonymized: boolean('pseudonymized').notNull().default(false),
    /** queued, running, completed, failed */
    status: text('status').notNull().default('queued'),
    jobId: text('job_id'),
    rowsRead: integer('rows_read').notNull().default(0),
    rowsInserted: integer('rows_inserted').notNull().default(0),
    rowsUpdated: integer('rows_updated').notNull().default(0),
    rowsUnchanged: integer('rows_unchanged').notNull().default(0),
    rowsRejected: integer('rows_rejected').notNull().default(0),
    /** Rows a mapping's `where` filter left out (neither loaded nor rejected). */
    rowsSkipped: integer('rows_skipped').notNull().default(0),
    bytesTotal: bigint('bytes_total', { mode: 'number' }),
    bytesRead: bigint('bytes_read', { mode: 'number' }).notNull().default(0),
    /** Columns the file had that no canonical field uses (reported once). */
    ignoredColumns: text('ignored_columns').array().notNull().default([]),
    /** What the load assumed or counted, in words (e.g. the load date used for a missing as_of). */
    notes: text('notes').array().notNull().default([]),
    error: text('error'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    startedAt: tstz('started_at'),
    finishedAt: tstz('finished_at'),
  },
  (t) => [index('ingestion_runs_created_idx').on(t.createdAt)],
);

/** Rejected rows: line number, field, masked value and reason. */
export const ingestionRejects = pgTable(
  'ingestion_rejects',
  {
    runId: uuid('run_id').notNull(),
    line: integer('line').notNull(),
    field: text('field').notNull(),
    value: text('value'),
    reason: text('reason').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.line, t.field] })],
);
