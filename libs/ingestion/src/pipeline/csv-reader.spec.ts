import type { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { ValidationError } from '@banca/domain';
import { describe, expect, it } from 'vitest';
import { CSV_PARSE_OPTIONS, openCsv } from './csv-reader';

type Read = { header: string[]; records: { line: number; cells: string[] }[] } | { error: string; line?: number };

/** What csv-parse alone reads (the reader's behaviour before its plain-text path). */
function csvParseAlone(text: string, delimiter: ',' | ';'): Read {
  try {
    const rows = parse(text, { ...CSV_PARSE_OPTIONS, delimiter }) as unknown as { record: string[]; info: { lines: number } }[];
    if (rows.length === 0) return { error: 'the file is empty' };
    return { header: rows[0]!.record, records: rows.slice(1).map((r) => ({ line: r.info.lines, cells: r.record })) };
  } catch (error) {
    return { error: 'csv', line: (error as CsvError & { lines?: number }).lines };
  }
}

async function read(text: string, chunkSizes: number[]): Promise<Read> {
  async function* chunks(): AsyncGenerator<string> {
    let at = 0;
    for (let i = 0; at < text.length; i++) {
      const size = chunkSizes[i % chunkSizes.length]!;
      yield text.slice(at, at + size);
      at += size;
    }
  }
  try {
    const table = await openCsv(chunks(), 'f.csv');
    const records: { line: number; cells: string[] }[] = [];
    for await (const batch of table.records) for (const r of batch) records.push({ line: r.line, cells: r.cells });
    return { header: table.header, records };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    if (error.message.includes('the file is empty')) return { error: 'the file is empty' };
    return { error: error.message.includes('not valid CSV') ? 'csv' : error.message, line: error.location.line };
  }
}

/** A deterministic generator of small CSV texts mixing plain lines, quotes, CR, CRLF and empty lines. */
function texts(count: number): string[] {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pieces = ['a', 'bc', '1.5', ',', ',', ';', ' ', '\n', '\n', '\r\n', '"', '""', '"x,y"', '\r', '\n\n', '中'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const plainLines = Array.from({ length: Math.floor(random() * 6) }, (_, j) => `r${j},${j};x,${j}\n`).join('');
    const lineEnd = random() < 0.5 ? '\n' : '\r\n';
    let text = `${random() < 0.2 ? '\uFEFF' : ''}h1,h2;h3${lineEnd}${plainLines.replace(/\n/g, lineEnd)}`;
    const extra = Math.floor(random() * 12);
    for (let j = 0; j < extra; j++) text += pieces[Math.floor(random() * pieces.length)];
    if (random() < 0.5) text += plainLines.replace(/\n/g, lineEnd);
    out.push(text);
  }
  return out;
}

describe('reading CSV text', () => {
  it('reads the same records, lines and errors as csv-parse alone, however the text is cut into chunks', async () => {
    for (const text of texts(300)) {
      const firstLine = text.replace(/^\uFEFF/, '').split('\n')[0]!;
      const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
      const expected = csvParseAlone(text, delimiter);
      for (const sizes of [[text.length + 1], [1], [3, 7], [16]]) {
        expect({ text, sizes, read: await read(text, sizes) }).toEqual({ text, sizes, read: expected });
      }
    }
  }, 60_000);

  it('numbers lines after empty lines and CRLF ends, and keeps spaces and a last line without an end', async () => {
    expect(await read('id,name\r\n1, a \r\n\r\n2,b\r\n3,c', [5])).toEqual({
      header: ['id', 'name'],
      records: [
        { line: 2, cells: ['1', ' a '] },
        { line: 4, cells: ['2', 'b'] },
        { line: 5, cells: ['3', 'c'] },
      ],
    });
  });

  it('hands the rest to csv-parse from a block with a quote on, with the lines counted before', async () => {
    const plain = Array.from({ length: 2000 }, (_, i) => `${i},x`).join('\n');
    const result = await read(`id,v\n${plain}\n"q,1","multi\nline"\n7,z\n`, [4096]);
    expect('records' in result && result.records.slice(-2)).toEqual([
      { line: 2003, cells: ['q,1', 'multi\nline'] },
      { line: 2004, cells: ['7', 'z'] },
    ]);
  });

  it('names the line of a quote never closed after plain lines', async () => {
    const plain = Array.from({ length: 50 }, (_, i) => `${i},x`).join('\n');
    const text = `id,v\n${plain}\n1,"open\n`;
    expect(csvParseAlone(text, ',')).toEqual({ error: 'csv', line: 52 });
    await expect(read(text, [64])).resolves.toEqual({ error: 'csv', line: 52 });
  });
});
