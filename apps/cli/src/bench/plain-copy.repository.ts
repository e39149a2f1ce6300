import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '@banca/db';

/**
 * The bench's baseline: a table like `customers` (same columns, types, defaults, constraints and indexes)
 * that a plain COPY fills through the same DatabaseHandle the platform uses, and that is dropped after.
 */
export class PlainCopyRepository {
  readonly table = `bench_plain_copy_${randomBytes(4).toString('hex')}`;

  constructor(private readonly handle: DatabaseHandle) {}

  async create(): Promise<void> {
    await this.handle.rows(sql`CREATE TABLE ${sql.identifier(this.table)} (LIKE customers INCLUDING ALL)`);
  }

  async copy(params: { columns: readonly string[]; csv: AsyncIterable<string> }): Promise<void> {
    await this.handle.copyFrom({ table: `"${this.table}"`, columns: params.columns, csv: params.csv });
  }

  async count(): Promise<number> {
    const [row] = await this.handle.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(this.table)}`);
    return Number(row?.n ?? 0);
  }

  async drop(): Promise<void> {
    await this.handle.rows(sql`DROP TABLE IF EXISTS ${sql.identifier(this.table)}`);
  }
}
