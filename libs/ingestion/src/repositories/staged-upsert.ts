import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Transaction } from '@banca/db';
import type { EntityDefinition } from '../entities/entity-definition';
import type { MergeCounts } from '../entities/entity-merger';

export interface UpsertColumn {
  /** Column of the canonical table. */
  name: string;
  /** Its value from the staged row `s`; the staged column of the same name by default. */
  from?: SQL;
}

export interface StagedUpsert {
  /** The canonical table (a fixed name, never input). */
  table: string;
  /** Its primary key: the ON CONFLICT target. */
  conflict: readonly string[];
  /**
   * The staged columns that find a row's stored counterpart, when not the whole primary key: sales are
   * keyed by (customer_id, sale_id) in the table but identified by sale_id in a file.
   */
  match?: readonly string[];
  /** Every other column written; compared to tell updated rows from unchanged ones. */
  attributes: readonly UpsertColumn[];
  /** The table has source_run_id / updated_at columns to maintain. */
  sourceRunId: boolean;
  updatedAt: boolean;
}

/** The definition's fields other than `keys`, written as staged. */
export function otherFields(definition: EntityDefinition, keys: readonly string[]): UpsertColumn[] {
  return definition.fields.filter((f) => !keys.includes(f.name)).map((f) => ({ name: f.name }));
}

const ident = (name: string) => sql.identifier(name);
const staged = (column: UpsertColumn): SQL => column.from ?? sql`s.${ident(column.name)}`;
const row = (values: SQL[]): SQL => sql`(${sql.join(values, sql`, `)})`;

/**
 * Merges a run's staging table into one canonical table, set-based: counts first (per staged row against
 * its stored counterpart: missing → inserted, different → updated, identical → unchanged), then rows whose
 * match key moved to another primary key are removed, then one upsert writes new and changed rows only,
 * so a re-load touches nothing.
 */
export async function upsertFromStaging(
  tx: Transaction,
  params: { stagingTable: string; runId: string; spec: StagedUpsert },
): Promise<MergeCounts> {
  const { spec } = params;
  const stage = ident(params.stagingTable);
  const table = ident(spec.table);
  const match = spec.match ?? spec.conflict;
  const keyColumns: UpsertColumn[] = spec.conflict.map((name) => ({ name }));
  const compared = [...spec.conflict.filter((k) => !match.includes(k)).map((name) => ({ name })), ...spec.attributes];
  const stagedRow = row(compared.map(staged));
  const storedRow = row(compared.map((c) => sql`t.${ident(c.name)}`));
  const joinOn = sql.join(match.map((k) => sql`t.${ident(k)} = s.${ident(k)}`), sql` AND `);
  const found = sql`t.${ident(match[0]!)} IS NOT NULL`;

  const [counts] = await queryRows<{ inserted: number; updated: number; unchanged: number }>(tx, sql`
    SELECT
      count(*) FILTER (WHERE NOT (${found}))::int AS inserted,
      count(*) FILTER (WHERE ${found} AND ${stagedRow} IS DISTINCT FROM ${storedRow})::int AS updated,
      count(*) FILTER (WHERE ${found} AND ${stagedRow} IS NOT DISTINCT FROM ${storedRow})::int AS unchanged
    FROM ${stage} s
    LEFT JOIN ${table} t ON ${joinOn}`);

  const moved = spec.conflict.filter((k) => !match.includes(k));
  if (moved.length > 0) {
    const differs = sql.join(moved.map((k) => sql`t.${ident(k)} IS DISTINCT FROM s.${ident(k)}`), sql` OR `);
    await tx.execute(sql`DELETE FROM ${table} t USING ${stage} s WHERE ${joinOn} AND (${differs})`);
  }

  const written = [...keyColumns, ...spec.attributes];
  const columns = [...written.map((c) => ident(c.name)), ...(spec.sourceRunId ? [ident('source_run_id')] : [])];
  const values = [...written.map(staged), ...(spec.sourceRunId ? [sql`${params.runId}::uuid`] : [])];
  const attributes = spec.attributes.map((c) => ident(c.name));
  const assignments = [
    ...attributes.map((c) => sql`${c} = EXCLUDED.${c}`),
    ...(spec.sourceRunId ? [sql`source_run_id = EXCLUDED.source_run_id`] : []),
    ...(spec.updatedAt ? [sql`updated_at = now()`] : []),
  ];
  const onConflict =
    attributes.length === 0
      ? sql`DO NOTHING`
      : sql`DO UPDATE SET ${sql.join(assignments, sql`, `)}
          WHERE ${row(attributes.map((c) => sql`${table}.${c}`))} IS DISTINCT FROM ${row(attributes.map((c) => sql`EXCLUDED.${c}`))}`;
  await tx.execute(sql`
    INSERT INTO ${table} (${sql.join(columns, sql`, `)})
    SELECT ${sql.join(values, sql`, `)} FROM ${stage} s
    ON CONFLICT (${sql.join(spec.conflict.map(ident), sql`, `)}) ${onConflict}`);

  return {
    inserted: Number(counts?.inserted ?? 0),
    updated: Number(counts?.updated ?? 0),
    unchanged: Number(counts?.unchanged ?? 0),
  };
}
