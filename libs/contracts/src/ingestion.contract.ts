import { z } from 'zod';

/** Entities a partner file can carry; each has a definition in libs/ingestion. */
export const INGESTION_ENTITIES = ['customers'] as const;
export const ingestionEntitySchema = z.enum(INGESTION_ENTITIES);
export type IngestionEntity = z.infer<typeof ingestionEntitySchema>;

/** `auto`: UTF-8 (with or without BOM) unless the bytes are not valid UTF-8, then GB18030 (a superset of GBK). */
export const INGESTION_ENCODINGS = ['auto', 'utf-8', 'gbk', 'gb18030'] as const;
export const ingestionEncodingSchema = z.enum(INGESTION_ENCODINGS);
export type IngestionEncoding = z.infer<typeof ingestionEncodingSchema>;

export const INGESTION_RUN_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export const ingestionRunStatusSchema = z.enum(INGESTION_RUN_STATUSES);
export type IngestionRunStatus = z.infer<typeof ingestionRunStatusSchema>;

/** Multipart form fields sent with the file (`file`) of POST /api/v1/ingestions. */
export const createIngestionRequestSchema = z.object({
  entity: ingestionEntitySchema,
  /** The file's customer ids are already HMAC pseudonyms (64 hex characters) and are stored as they are. */
  pseudonymized: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .optional()
    .transform((v) => v === true || v === 'true'),
  encoding: ingestionEncodingSchema.default('auto'),
});
export type CreateIngestionRequest = z.infer<typeof createIngestionRequestSchema>;

const countsSchema = z.object({
  /** Data rows read (header and empty lines excluded). */
  read: z.number().int().nonnegative(),
  /** Rows stored that were not there before: a new (customer, as_of) snapshot for customers. */
  inserted: z.number().int().nonnegative(),
  /** Rows that replaced a stored row with different values. */
  updated: z.number().int().nonnegative(),
  /** Rows identical to what was stored (a re-loaded file is all unchanged). */
  unchanged: z.number().int().nonnegative(),
  /** Rows not loaded: see the rejects report. */
  rejected: z.number().int().nonnegative(),
});

export const ingestionRunSchema = z.object({
  id: z.string().uuid(),
  entity: ingestionEntitySchema,
  fileName: z.string(),
  format: z.string().nullable(),
  /** The encoding asked for (`auto` by default) until the file is read, then the one it was read with. */
  encoding: z.string().nullable(),
  pseudonymized: z.boolean(),
  status: ingestionRunStatusSchema,
  jobId: z.string().nullable(),
  counts: countsSchema,
  progress: z.object({
    bytesRead: z.number().int().nonnegative(),
    bytesTotal: z.number().int().nonnegative().nullable(),
    /** 0–100 by bytes read; 100 once completed. */
    percent: z.number().min(0).max(100),
  }),
  /** Columns of the file no canonical field uses (reported once, then ignored). */
  ignoredColumns: z.array(z.string()),
  /** Why the run failed, naming the problem; null unless failed. */
  error: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string().datetime(),
  startedAt: z.string().datetime().nullable(),
  finishedAt: z.string().datetime().nullable(),
});
export type IngestionRunDto = z.infer<typeof ingestionRunSchema>;

export const ingestionRunParamsSchema = z.object({ id: z.string().uuid() });

export const listIngestionsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  entity: ingestionEntitySchema.optional(),
});
export type ListIngestionsQuery = z.infer<typeof listIngestionsQuerySchema>;

export const ingestionRunListSchema = z.object({ runs: z.array(ingestionRunSchema) });
export type IngestionRunListDto = z.infer<typeof ingestionRunListSchema>;

export const listRejectsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListRejectsQuery = z.infer<typeof listRejectsQuerySchema>;

export const ingestionRejectSchema = z.object({
  /** Line of the file (the header is line 1). */
  line: z.number().int().positive(),
  field: z.string(),
  /** The offending value; identifiers are masked (length only), never shown. */
  value: z.string().nullable(),
  reason: z.string(),
});
export type IngestionRejectDto = z.infer<typeof ingestionRejectSchema>;

export const ingestionRejectListSchema = z.object({
  runId: z.string().uuid(),
  /** All rejects of the run; `rejects` is the page asked for, ordered by line then field. */
  total: z.number().int().nonnegative(),
  rejects: z.array(ingestionRejectSchema),
});
export type IngestionRejectListDto = z.infer<typeof ingestionRejectListSchema>;
