import { open, type FileHandle } from 'node:fs/promises';
import { DataType, RecordBatchReader, type Field, type Vector } from 'apache-arrow';
import { DomainError, ValidationError } from '@banca/domain';
import type { ByteCounter } from './file-source';
import type { SourceRecord } from './record-source';

export interface ArrowTable {
  columns: string[];
  records: AsyncIterable<SourceRecord>;
  close(): Promise<void>;
}

type CellConverter = (value: unknown) => string;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function epochMs(value: unknown): number {
  return value instanceof Date ? value.getTime() : Number(value);
}

function isoDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** An Arrow decimal's unscaled integer text with its scale applied: (-12345, 2) → -123.45. */
export function scaleDecimal(unscaled: string, scale: number): string {
  if (scale <= 0) return unscaled + '0'.repeat(-scale);
  const negative = unscaled.startsWith('-');
  const digits = (negative ? unscaled.slice(1) : unscaled).padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** How a value of an Arrow type becomes the text of a cell (what the CSV of the same data would hold). */
function converterFor(type: DataType): CellConverter {
  if (DataType.isDictionary(type)) return converterFor(type.dictionary);
  if (DataType.isDate(type)) return (v) => isoDate(epochMs(v));
  if (DataType.isTimestamp(type)) return (v) => new Date(epochMs(v)).toISOString();
  if (DataType.isDecimal(type)) return (v) => scaleDecimal(String(v), type.scale);
  if (DataType.isBool(type)) return (v) => (v ? 'true' : 'false');
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) {
    const item = converterFor(type.children[0]!.type);
    return (v) => {
      const items: string[] = [];
      for (const element of v as Iterable<unknown>) if (element !== null && element !== undefined) items.push(item(element));
      return items.join(';');
    };
  }
  return (v) => String(v);
}

/** Errors of the file system stay as they are (the job is retried); anything else means the bytes are not Arrow. */
function asReadError(error: unknown, file: string): unknown {
  if (error instanceof DomainError) return error;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('E')) return error;
  return new ValidationError('not a valid Arrow IPC file or stream', { file });
}

/**
 * A file handle whose reads add to the byte counter, so Arrow loads report progress like text files. The
 * handle's own methods run bound to it.
 */
function countingHandle(handle: FileHandle, counter: ByteCounter, bytesTotal: number): FileHandle {
  return new Proxy(handle, {
    get(target, property) {
      if (property === 'read') {
        return async (buffer: Uint8Array, offset: number, length: number, position: number) => {
          const result = await target.read(buffer, offset, length, position);
          counter.bytesRead = Math.min(bytesTotal, counter.bytesRead + result.bytesRead);
          return result;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Reads an Arrow IPC file or stream one record batch at a time from a file handle (random access for the
 * file format, so nothing but the current batch is held). Rows are numbered as a CSV of the same data
 * would number its lines: row index + 2.
 */
export async function openArrow(path: string, options: { file: string; counter: ByteCounter }): Promise<ArrowTable> {
  const { file, counter } = options;
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  const closeHandle = async () => {
    await handle.close().catch(() => undefined);
  };
  if (size === 0) {
    await closeHandle();
    throw new ValidationError('the file is empty', { file });
  }
  let reader: Awaited<ReturnType<typeof RecordBatchReader.from>>;
  try {
    reader = await RecordBatchReader.from(countingHandle(handle, counter, size));
    await reader.open({ autoDestroy: false });
  } catch (error) {
    await closeHandle();
    throw asReadError(error, file);
  }
  const fields: Field[] = reader.schema?.fields ?? [];
  if (fields.length === 0) {
    await closeHandle();
    throw new ValidationError('not a valid Arrow IPC file or stream (no schema)', { file });
  }
  const columns = fields.map((f) => f.name);
  const converters = fields.map((f) => converterFor(f.type));
  const opened = reader;

  async function* records(): AsyncGenerator<SourceRecord> {
    let row = 0;
    try {
      for (;;) {
        let next: IteratorResult<{ numRows: number; getChildAt(index: number): Vector | null }>;
        try {
          next = await opened.next();
        } catch (error) {
          throw asReadError(error, file);
        }
        if (next.done) break;
        const batch = next.value;
        const vectors = columns.map((_, i) => batch.getChildAt(i));
        for (let r = 0; r < batch.numRows; r++) {
          const cells = new Array<string>(columns.length);
          for (let c = 0; c < columns.length; c++) {
            const value: unknown = vectors[c]?.get(r);
            cells[c] = value === null || value === undefined ? '' : converters[c]!(value);
          }
          row++;
          yield { line: row + 1, cells };
        }
      }
      // reads skip the padding between messages: the whole file has been read once the batches are done
      counter.bytesRead = size;
    } finally {
      await closeHandle();
    }
  }
  return { columns, records: records(), close: closeHandle };
}
