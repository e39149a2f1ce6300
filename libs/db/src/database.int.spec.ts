import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@banca/testing';
import { sql } from './database';

describe('database handle', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.dispose());

  it('migrates every canonical and platform table', async () => {
    const rows = await t.handle.rows<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    const names = rows.map((r) => r.table_name);
    for (const table of ['customers', 'customer_snapshots', 'products', 'sales', 'campaign_events', 'complaints',
      'branches', 'staff', 'campaigns', 'audience_members', 'tier_rule_sets', 'tier_history', 'segments',
      'compliance_findings', 'finding_reviews', 'ingestion_runs', 'ingestion_rejects', 'users', 'api_tokens',
      'audit_log']) {
      expect(names).toContain(table);
    }
  });

  it('bulk-loads CSV rows with COPY, quoting and all', async () => {
    await t.handle.rows(sql`create temporary table copy_probe (a text, b integer)`);
    async function* csv() {
      yield 'x,1\n"y, with comma",2\n';
      yield '"z ""quoted""",3\n';
    }
    await t.handle.copyFrom({ table: 'copy_probe', columns: ['a', 'b'], csv: csv() });
    const rows = await t.handle.rows<{ a: string; b: number }>(sql`select a, b from copy_probe order by b`);
    expect(rows).toEqual([
      { a: 'x', b: 1 },
      { a: 'y, with comma', b: 2 },
      { a: 'z "quoted"', b: 3 },
    ]);
  });
});
