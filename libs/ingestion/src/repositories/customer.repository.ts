import { Inject, Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { DATABASE, queryRows, type Database, type Transaction } from '@banca/db';
import { fieldNames } from '../entities/entity-definition';
import type { EntityMerger, MergeCounts, MergeParams } from '../entities/entity-merger';

/** Columns every customers row and snapshot has besides the key (customer_id, as_of). */
function attributeColumns(params: MergeParams): string[] {
  return fieldNames(params.definition).filter((name) => name !== 'customer_id' && name !== 'as_of');
}

const list = (alias: string, columns: readonly string[]): SQL =>
  sql.join(columns.map((c) => sql`${sql.identifier(alias)}.${sql.identifier(c)}`), sql`, `);
const names = (columns: readonly string[]): SQL => sql.join(columns.map((c) => sql.identifier(c)), sql`, `);
const assignFromExcluded = (columns: readonly string[]): SQL =>
  sql.join(columns.map((c) => sql`${sql.identifier(c)} = EXCLUDED.${sql.identifier(c)}`), sql`, `);

/** Writes customers and their snapshots; the only code that does. */
@Injectable()
export class CustomerRepository implements EntityMerger {
  readonly entity = 'customers' as const;

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async hasAny(): Promise<boolean> {
    const [row] = await queryRows<{ found: boolean }>(this.db, sql`SELECT EXISTS (SELECT 1 FROM customers) AS found`);
    return row?.found === true;
  }

  /**
   * A customer counts as without data-sharing consent unless the file says yes (PIPL art. 23: separate
   * consent is given, not assumed).
   * Counts are per staged row against the stored snapshot of the same (customer, as_of): new → inserted,
   * different values → updated, identical → unchanged. Snapshots are upserted; the customers row takes the
   * latest as_of (an older snapshot only adds history).
   *
   * Rows are written in key order: once the primary-key indexes outgrow shared_buffers (about 1M rows with
   * the default 128 MB), inserting in the staging table's random order reads and dirties a different index
   * page per row, and sorting first was about 20 % faster on 1M snapshots. Keys are sorted and compared
   * with COLLATE "C": equality is the same under any deterministic collation, byte order lets the sort
   * use abbreviated keys instead of a strcoll call per comparison, and for hex pseudonyms it is also the
   * index's order.
   */
  async merge(tx: Transaction, params: MergeParams): Promise<MergeCounts> {
    const stage = sql.identifier(params.stagingTable);
    const attrs = attributeColumns(params);
    const runId = sql`${params.runId}::uuid`;

    const [counts] = await queryRows<{ inserted: number; updated: number; unchanged: number; without_consent: number }>(tx, sql`
      SELECT
        count(DISTINCT s.customer_id COLLATE "C") FILTER (WHERE s.consent_data_sharing IS NOT TRUE)::int AS without_consent,
        count(*) FILTER (WHERE cs.customer_id IS NULL)::int AS inserted,
        count(*) FILTER (WHERE cs.customer_id IS NOT NULL AND (${list('s', attrs)}) IS DISTINCT FROM (${list('cs', attrs)}))::int AS updated,
        count(*) FILTER (WHERE cs.customer_id IS NOT NULL AND (${list('s', attrs)}) IS NOT DISTINCT FROM (${list('cs', attrs)}))::int AS unchanged
      FROM ${stage} s
      LEFT JOIN customer_snapshots cs ON cs.customer_id = s.customer_id AND cs.as_of = s.as_of`);

    await tx.execute(sql`
      INSERT INTO customer_snapshots (customer_id, as_of, ${names(attrs)}, source_run_id)
      SELECT s.customer_id, s.as_of, ${list('s', attrs)}, ${runId} FROM ${stage} s
      ORDER BY s.customer_id COLLATE "C", s.as_of
      ON CONFLICT (customer_id, as_of) DO UPDATE
        SET ${assignFromExcluded(attrs)}, source_run_id = EXCLUDED.source_run_id, updated_at = now()
        WHERE (${list('customer_snapshots', attrs)}) IS DISTINCT FROM (${list('excluded', attrs)})`);

    await tx.execute(sql`
      INSERT INTO customers (customer_id, as_of, ${names(attrs)}, source_run_id)
      SELECT DISTINCT ON (s.customer_id COLLATE "C") s.customer_id, s.as_of, ${list('s', attrs)}, ${runId}
      FROM ${stage} s
      ORDER BY s.customer_id COLLATE "C", s.as_of DESC
      ON CONFLICT (customer_id) DO UPDATE
        SET as_of = EXCLUDED.as_of, ${assignFromExcluded(attrs)}, source_run_id = EXCLUDED.source_run_id, updated_at = now()
        WHERE EXCLUDED.as_of > customers.as_of
           OR (EXCLUDED.as_of = customers.as_of AND (${list('customers', attrs)}) IS DISTINCT FROM (${list('excluded', attrs)}))`);

    const withoutConsent = Number(counts?.without_consent ?? 0);
    return {
      inserted: Number(counts?.inserted ?? 0),
      updated: Number(counts?.updated ?? 0),
      unchanged: Number(counts?.unchanged ?? 0),
      notes: withoutConsent > 0
        ? [`${withoutConsent.toLocaleString('en-US')} customers without data-sharing consent: loaded, kept out of cross-partner use (segments, audiences)`]
        : [],
    };
  }
}
