import { getTableColumns } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { customers, customerSnapshots } from '@banca/db';
import { CUSTOMERS_ENTITY } from './customers.entity';

const columnNames = (table: typeof customers | typeof customerSnapshots) =>
  Object.values(getTableColumns(table)).map((c) => c.name);

describe('customers entity definition', () => {
  it('has exactly the canonical columns of customers and customer_snapshots', () => {
    const fields = CUSTOMERS_ENTITY.fields.map((f) => f.name).sort();
    const bookkeeping = ['source_run_id', 'created_at', 'updated_at'];
    for (const table of [customers, customerSnapshots]) {
      expect(columnNames(table).filter((c) => !bookkeeping.includes(c)).sort()).toEqual(fields);
    }
  });

  it('requires customer_id only; as_of is filled with the load date', () => {
    expect(CUSTOMERS_ENTITY.fields.filter((f) => f.required).map((f) => f.name)).toEqual(['customer_id']);
    const row = new Map<string, string | number | boolean | null>([['as_of', null]]);
    CUSTOMERS_ENTITY.complete(row, { loadDate: '2025-03-01' });
    expect(row.get('as_of')).toBe('2025-03-01');
  });
});
