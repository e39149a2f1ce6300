import { getTableColumns, type Table } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { INGESTION_ENTITIES } from '@banca/contracts';
import {
  branches,
  campaignEvents,
  campaigns,
  complaints,
  customers,
  customerSnapshots,
  products,
  sales,
  staff,
} from '@banca/db';
import { FIELD_KINDS } from '../pipeline/field-kinds';
import { LOAD_DATE } from './entity-definition';
import { ENTITY_DEFINITIONS } from './entity-registry';

const BOOKKEEPING = ['source_run_id', 'created_at', 'updated_at'];
const columnsOf = (table: Table) =>
  Object.values(getTableColumns(table))
    .map((c) => c.name)
    .filter((c) => !BOOKKEEPING.includes(c))
    .sort();
const fieldsOf = (entity: keyof typeof ENTITY_DEFINITIONS) => ENTITY_DEFINITIONS[entity].fields.map((f) => f.name).sort();

describe('entity definitions', () => {
  it('define every entity of the contract', () => {
    expect(Object.keys(ENTITY_DEFINITIONS).sort()).toEqual([...INGESTION_ENTITIES].sort());
    for (const [entity, definition] of Object.entries(ENTITY_DEFINITIONS)) expect(definition.entity).toBe(entity);
  });

  it.each([
    ['customers', customers],
    ['customers', customerSnapshots],
    ['sales', sales],
    ['campaign_events', campaignEvents],
    ['complaints', complaints],
    ['branches', branches],
    ['staff', staff],
  ] as const)('%s fields are exactly the columns of its table', (entity, table) => {
    expect(fieldsOf(entity)).toEqual(columnsOf(table));
  });

  it('products and imported campaigns fill columns of their tables (the rest is derived or planning data)', () => {
    expect(columnsOf(products)).toEqual(expect.arrayContaining(fieldsOf('products')));
    expect(columnsOf(campaigns)).toEqual(expect.arrayContaining(fieldsOf('campaigns')));
  });

  it.each(Object.values(ENTITY_DEFINITIONS))('$entity: keys are fields, code fields list their codes, customer ids are identifiers', (definition) => {
    const names = definition.fields.map((f) => f.name);
    for (const key of definition.key) expect(names).toContain(key);
    for (const field of definition.fields) {
      if (field.kind === 'code') expect(field.codes?.length).toBeGreaterThan(0);
      expect(FIELD_KINDS[field.kind].identifier).toBe(field.name === 'customer_id');
      // a key field is never left empty: it is required or has a default
      if (definition.key.includes(field.name)) expect(field.required === true || field.default !== undefined).toBe(true);
    }
  });

  it('date the rows without a date by the load date where the key needs one', () => {
    const loadDated = Object.values(ENTITY_DEFINITIONS).flatMap((d) =>
      d.fields.filter((f) => f.default === LOAD_DATE).map((f) => `${d.entity}.${f.name}`),
    );
    expect(loadDated).toEqual(['customers.as_of', 'campaign_events.occurred_at']);
  });

  it('refuse amounts below zero except a deposit balance, which an overdrawn account makes negative', () => {
    const context = { pseudonymKey: new Uint8Array(32), pseudonymized: false };
    const signed = Object.values(ENTITY_DEFINITIONS).flatMap((d) => d.fields.filter((f) => f.signed).map((f) => `${d.entity}.${f.name}`));
    expect(signed).toEqual(['customers.deposit_balance']);
    const field = (entity: keyof typeof ENTITY_DEFINITIONS, name: string) => ENTITY_DEFINITIONS[entity].fields.find((f) => f.name === name)!;
    expect(FIELD_KINDS.amount.parse('-1,250.5', context, field('customers', 'deposit_balance'))).toEqual({ ok: true, value: '-1250.5' });
    expect(FIELD_KINDS.amount.parse('-1', context, field('customers', 'investable_assets'))).toEqual({ ok: false, reason: 'must be at least 0' });
    expect(FIELD_KINDS.amount.parse('-1', context, field('sales', 'amount')).ok).toBe(false);
  });
});
