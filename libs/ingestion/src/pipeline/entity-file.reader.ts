import type { IngestionEncoding } from '@banca/contracts';
import type { EntityDefinition } from '../entities/entity-definition';
import { toCopyCsvLine } from './copy-csv';
import { openCsv } from './csv-reader';
import type { ParseContext } from './field-kinds';
import { openTextFile, type FileEncoding } from './file-source';
import { mapHeader, RowValidator, type RejectEntry } from './row-validator';

export interface FileReadStats {
  bytesRead: number;
  bytesTotal: number;
  /** Data rows read so far (header and empty lines excluded). */
  rowsRead: number;
  rowsRejected: number;
}

export interface EntityFile {
  encoding: FileEncoding;
  delimiter: ',' | ';';
  ignoredColumns: string[];
  stats: FileReadStats;
  /**
   * The valid rows as CSV for COPY into the staging table (`line` first, then the definition's fields), in
   * chunks of about 1 MB. Rejects and progress are handed to the callbacks while reading, so memory stays
   * bounded whatever the file size.
   */
  copyChunks(): AsyncGenerator<string>;
}

export interface OpenEntityFileParams {
  path: string;
  /** The file's name, for messages. */
  file: string;
  bytesTotal: number;
  definition: EntityDefinition;
  encoding: IngestionEncoding;
  parseContext: ParseContext;
  loadDate: string;
  onRejects(entries: RejectEntry[]): Promise<void>;
  onProgress(stats: FileReadStats): Promise<void>;
  progressIntervalMs?: number;
  /** Reject entries handed to onRejects at most (rejected rows are still counted past it). */
  maxRejectEntries?: number;
}

const COPY_CHUNK_CHARS = 1024 * 1024;
const REJECT_BATCH = 1000;

/**
 * Opens a partner file of one entity. Structural problems (empty, not text, not CSV, header without the
 * entity's required columns) throw a ValidationError here, before anything is staged.
 */
export async function openEntityFile(params: OpenEntityFileParams): Promise<EntityFile> {
  const { definition, file } = params;
  const stats: FileReadStats = { bytesRead: 0, bytesTotal: params.bytesTotal, rowsRead: 0, rowsRejected: 0 };
  const source = await openTextFile(params.path, { encoding: params.encoding, file, counter: stats });
  const table = await openCsv(source.text, file);
  const mapping = mapHeader(definition, table.header, file);
  const validator = new RowValidator(definition, mapping, params.parseContext, params.loadDate);
  const interval = params.progressIntervalMs ?? 1000;
  let rejectBudget = params.maxRejectEntries ?? Number.POSITIVE_INFINITY;

  async function* copyChunks(): AsyncGenerator<string> {
    let chunk = '';
    let rejects: RejectEntry[] = [];
    let lastProgress = Date.now();
    const flushRejects = async () => {
      const kept = rejects.slice(0, Math.max(0, rejectBudget));
      rejectBudget -= kept.length;
      rejects = [];
      if (kept.length > 0) await params.onRejects(kept);
    };
    for await (const record of table.records) {
      stats.rowsRead++;
      const result = validator.validate(record.line, record.cells);
      if (result.ok) {
        chunk += `${record.line},${toCopyCsvLine(result.values)}`;
        if (chunk.length >= COPY_CHUNK_CHARS) {
          yield chunk;
          chunk = '';
        }
      } else {
        stats.rowsRejected++;
        if (rejectBudget > rejects.length) rejects.push(...result.problems);
        if (rejects.length >= REJECT_BATCH) await flushRejects();
      }
      if (stats.rowsRead % 1000 === 0 && Date.now() - lastProgress >= interval) {
        lastProgress = Date.now();
        await params.onProgress(stats);
      }
    }
    if (chunk !== '') yield chunk;
    await flushRejects();
    await params.onProgress(stats);
  }

  return {
    encoding: source.encoding,
    delimiter: table.delimiter,
    ignoredColumns: mapping.ignoredColumns,
    stats,
    copyChunks,
  };
}
