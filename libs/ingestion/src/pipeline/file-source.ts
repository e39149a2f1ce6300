import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import type { IngestionEncoding } from '@banca/contracts';
import { ValidationError } from '@banca/domain';

export type FileEncoding = Exclude<IngestionEncoding, 'auto'>;

export interface ByteCounter {
  bytesRead: number;
}

export interface TextSource {
  /** The encoding the file is read with: the one asked for, or the one detected. */
  encoding: FileEncoding;
  text: AsyncIterable<string>;
  /** Closes the file when the text is not read to its end (e.g. the header is refused). */
  close(): Promise<void>;
}

const CHUNK_BYTES = 256 * 1024;

/**
 * Opens a spooled file (CSV or NDJSON) as a stream of text. `auto` reads UTF-8 (a BOM is dropped) unless the first chunk
 * is not valid UTF-8, then GB18030, the superset of the GBK that bank systems export. Files that are
 * empty or not text fail here, before anything is staged.
 */
export async function openTextFile(
  path: string,
  options: { encoding: IngestionEncoding; file: string; counter: ByteCounter },
): Promise<TextSource> {
  const { file, counter } = options;
  const chunks = createReadStream(path, { highWaterMark: CHUNK_BYTES })[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await chunks.next();
  if (first.done || first.value.length === 0) {
    await chunks.return?.();
    throw new ValidationError('the file is empty', { file });
  }
  const head = first.value;
  const problem = notTextProblem(head);
  if (problem) {
    await chunks.return?.();
    throw new ValidationError(problem, { file });
  }
  const encoding = options.encoding === 'auto' ? detectEncoding(head) : options.encoding;
  const decode = decoderFor(encoding, file);
  async function* text(): AsyncGenerator<string> {
    try {
      counter.bytesRead += head.length;
      yield decode.write(head, counter.bytesRead - head.length);
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
        counter.bytesRead += next.value.length;
        const decoded = decode.write(next.value, counter.bytesRead - next.value.length);
        if (decoded !== '') yield decoded;
      }
      const rest = decode.end(counter.bytesRead);
      if (rest !== '') yield rest;
    } finally {
      await chunks.return?.();
    }
  }
  return {
    encoding,
    text: text(),
    close: async () => {
      await chunks.return?.();
    },
  };
}

function notTextProblem(head: Buffer): string | null {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    return 'the file is UTF-16 encoded; save it as UTF-8 (or GBK)';
  }
  if (head.includes(0)) return 'the file is not text (binary content); expected CSV or NDJSON (an Arrow file is loaded with format arrow)';
  return null;
}

function detectEncoding(head: Buffer): FileEncoding {
  try {
    // stream mode: a multi-byte character cut at the chunk's end is not an error
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

interface Decoder {
  write(chunk: Buffer, offset: number): string;
  end(offset: number): string;
}

function decoderFor(encoding: FileEncoding, file: string): Decoder {
  if (encoding !== 'utf-8') {
    const decoder = iconv.getDecoder(encoding);
    return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() ?? '' };
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const invalid = (offset: number) =>
    new ValidationError(
      `the file is not valid UTF-8 (after byte ${offset}); if it is GBK-encoded, load it with encoding gbk`,
      { file },
    );
  return {
    write(chunk, offset) {
      try {
        return decoder.decode(chunk, { stream: true });
      } catch {
        throw invalid(offset);
      }
    },
    end(offset) {
      try {
        return decoder.decode();
      } catch {
        throw invalid(offset);
      }
    },
  };
}
