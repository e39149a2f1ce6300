import { z } from 'zod';

/** Entities a partner file can carry (DATA.md); each has a definition in libs/ingestion. */
export const INGESTION_ENTITIES = [
  'customers',
  'products',
  'sales',
  'campaign_events',
  'complaints',
  'branches',
  'staff',
  'campaigns',
] as const;
export const ingestionEntitySchema = z.enum(INGESTION_ENTITIES);
export type IngestionEntity = z.infer<typeof ingestionEntitySchema>;

/** `auto`: UTF-8 (with or without BOM) unless the bytes are not valid UTF-8, then GB18030 (a superset of GBK). */
export const INGESTION_ENCODINGS = ['auto', 'utf-8', 'gbk', 'gb18030'] as const;
export const ingestionEncodingSchema = z.enum(INGESTION_ENCODINGS);
export type IngestionEncoding = z.infer<typeof ingestionEncodingSchema>;
/** Also takes `utf8` and any case, as people type it. */
const encodingInputSchema = z
  .string()
  .transform((v) => {
    const lower = v.trim().toLowerCase();
    return lower === 'utf8' ? 'utf-8' : lower;
  })
  .pipe(ingestionEncodingSchema);

/** `auto`: from the file name's extension (.csv, .ndjson/.jsonl, .arrow/.arrows), else from the first bytes. */
export const INGESTION_FORMATS = ['auto', 'csv', 'ndjson', 'arrow'] as const;
export const ingestionFormatSchema = z.enum(INGESTION_FORMATS);
export type IngestionFormat = z.infer<typeof ingestionFormatSchema>;

const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const mappedValueSchema = z.union([z.string().max(200), z.number(), z.boolean()]);
const columnNameSchema = z.string().trim().min(1).max(200);

/** How a canonical field is computed from other columns of a row (docs/mapping-files.md). */
export const mappingDerivationSchema = z.discriminatedUnion('kind', [
  /** The year of `reference_date` minus the whole years of age in `column`. */
  z.strictObject({ kind: z.literal('birth_year_from_age'), column: columnNameSchema, reference_date: isoDateSchema }),
  /** Text with `{column}` replaced by that column's value and `{$line}` by the row's line (or row) number. */
  z.strictObject({ kind: z.literal('template'), template: z.string().min(1).max(200) }),
]);
export type MappingDerivation = z.infer<typeof mappingDerivationSchema>;

/**
 * A mapping file (JSON): how a partner's columns and values become the canonical fields of one entity.
 * Field names are checked against the entity when the run is created; columns against the file's header
 * before any row is read. See docs/mapping-files.md.
 */
export const ingestionMappingSchema = z.strictObject({
  /** The entity the mapping is written for; a run of another entity refuses it. */
  entity: ingestionEntitySchema.optional(),
  description: z.string().max(2000).optional(),
  /** Partner column → canonical field. Columns already named as a field need no entry. */
  columns: z.record(columnNameSchema, z.string().min(1).max(100)).default({}),
  /** Canonical field → { partner value → canonical value }; matched trimmed and in any case, others kept as given. */
  values: z.record(z.string().min(1).max(100), z.record(z.string().max(200), mappedValueSchema.nullable())).default({}),
  /** Canonical field → the value every row gets (e.g. an as_of or a campaign_code the file does not carry). */
  constants: z.record(z.string().min(1).max(100), mappedValueSchema).default({}),
  /** Canonical field → how it is derived from other columns. */
  derived: z.record(z.string().min(1).max(100), mappingDerivationSchema).default({}),
  /** Only rows whose `column` holds one of `in` (trimmed, any case) are loaded; the others are counted as skipped. */
  where: z.strictObject({ column: columnNameSchema, in: z.array(z.string().max(200)).min(1).max(100) }).optional(),
});
export type IngestionMapping = z.infer<typeof ingestionMappingSchema>;
export type IngestionMappingInput = z.input<typeof ingestionMappingSchema>;

export const INGESTION_RUN_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export const ingestionRunStatusSchema = z.enum(INGESTION_RUN_STATUSES);
export type IngestionRunStatus = z.infer<typeof ingestionRunStatusSchema>;

const MAX_MAPPING_CHARS = 64 * 1024;

/** A mapping as JSON text (a form field or file) or as an object. */
export const mappingInputSchema = z.preprocess((input, ctx) => {
  if (typeof input !== 'string') return input;
  if (input.length > MAX_MAPPING_CHARS) {
    ctx.addIssue({ code: 'custom', message: 'the mapping is larger than 64 KB', input: null });
    return z.NEVER;
  }
  try {
    return JSON.parse(input.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'the mapping is not valid JSON', input: null });
    return z.NEVER;
  }
}, ingestionMappingSchema);

/**
 * Multipart form fields sent with the file (`file`) of POST /api/v1/ingestions. The mapping comes as a
 * JSON text field `mapping` or as a second file part `mapping`.
 */
export const createIngestionRequestSchema = z.object({
  entity: ingestionEntitySchema,
  /** The file's customer ids are already HMAC pseudonyms (64 hex characters) and are stored as they are. */
  pseudonymized: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .optional()
    .transform((v) => v === true || v === 'true'),
  /** Text files only (CSV, NDJSON); `utf8` is read as `utf-8`. */
  encoding: encodingInputSchema.default('auto'),
  format: ingestionFormatSchema.default('auto'),
  mapping: mappingInputSchema.optional(),
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
  /** Rows the mapping's `where` filter left out on purpose. */
  skipped: z.number().int().nonnegative(),
});

export const ingestionRunSchema = z.object({
  id: z.string().uuid(),
  entity: ingestionEntitySchema,
  fileName: z.string(),
  /** The format asked for (`auto` by default) until the file is read, then the one it was read as. */
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
  /** The mapping the file was read with, if any. */
  mapping: ingestionMappingSchema.nullable(),
  /** What the load assumed or counted, in words: e.g. the load date used for a missing as_of. */
  notes: z.array(z.string()),
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

/** Rejects of text files name a line (the header is line 1); of Arrow files a row (the first row is row 2). */
export const REJECT_POSITIONS = ['line', 'row'] as const;
export type RejectPosition = (typeof REJECT_POSITIONS)[number];

export const ingestionRejectSchema = z.object({
  /** Line of the file (the header is line 1), or for Arrow files the 1-based row index + 1. */
  line: z.number().int().positive(),
  field: z.string(),
  /** The offending value; identifiers are masked (length only), never shown. */
  value: z.string().nullable(),
  reason: z.string(),
});
export type IngestionRejectDto = z.infer<typeof ingestionRejectSchema>;

export const ingestionRejectListSchema = z.object({
  runId: z.string().uuid(),
  /** Whether `line` is a line of a text file or a row of an Arrow file. */
  position: z.enum(REJECT_POSITIONS),
  /** All rejects of the run; `rejects` is the page asked for, ordered by line then field. */
  total: z.number().int().nonnegative(),
  rejects: z.array(ingestionRejectSchema),
});
export type IngestionRejectListDto = z.infer<typeof ingestionRejectListSchema>;
