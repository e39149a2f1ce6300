import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { MEMBER_EXPORT_COLUMNS, membersArrow, membersCsv } from './segment-export.encoders';
import type { SegmentMemberRow } from './segment.repository';

const member = (i: number, overrides: Partial<SegmentMemberRow> = {}): SegmentMemberRow => ({
  customerId: i.toString(16).padStart(64, '0'),
  tier: 'middle',
  region: '北京',
  branchCode: `BJ${i}`,
  gender: 'F',
  age: 30 + i,
  riskLevel: 'C3',
  payroll: i % 2 === 0,
  hasMortgage: null,
  consentMarketing: true,
  monthlyIncome: 12_345.67,
  householdAnnualIncome: null,
  investableAssets: 500_000,
  ...overrides,
});

async function* pagesOf(...pages: SegmentMemberRow[][]) {
  for (const page of pages) yield page;
}

async function collect<T>(chunks: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

describe('member CSV', () => {
  it('neutralises cells a spreadsheet would run as formulas, and quotes what needs quoting', async () => {
    const text = (await collect(membersCsv(pagesOf([member(1, { region: '=HYPERLINK("http://x")', branchCode: '+1', gender: '@A', riskLevel: '-C3' })])))).join('');
    const [header, line] = text.split('\r\n');
    expect(header).toBe(`\uFEFF${MEMBER_EXPORT_COLUMNS.join(',')}`);
    expect(line).toBe(`${member(1).customerId},middle,"'=HYPERLINK(""http://x"")",'+1,'@A,31,'-C3,false,,true,12345.67,,500000`);
  });

  it('writes a header only for a segment without members', async () => {
    expect((await collect(membersCsv(pagesOf()))).join('')).toBe(`\uFEFF${MEMBER_EXPORT_COLUMNS.join(',')}\r\n`);
  });
});

describe('member Arrow IPC stream', () => {
  it('round-trips several pages as one stream, nulls and Chinese text included', async () => {
    const pages = [[member(1), member(2)], [member(3, { tier: null, age: null, region: null })]];
    const chunks = await collect(membersArrow(pagesOf(...pages)));
    expect(chunks.length).toBeGreaterThan(2);
    const table = tableFromIPC(Buffer.concat(chunks));
    expect(table.schema.fields.map((f) => f.name)).toEqual(MEMBER_EXPORT_COLUMNS);
    expect(table.batches).toHaveLength(2);
    const rows = table.toArray().map((r) => r.toJSON());
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ customer_id: member(1).customerId, tier: 'middle', region: '北京', age: 31, payroll: false, household_annual_income: null });
    expect(rows[2]).toMatchObject({ tier: null, age: null, region: null, investable_assets: 500_000 });
  });

  it('is a valid stream with the schema and no rows when there are no members', async () => {
    const table = tableFromIPC(Buffer.concat(await collect(membersArrow(pagesOf()))));
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual(MEMBER_EXPORT_COLUMNS);
  });
});
