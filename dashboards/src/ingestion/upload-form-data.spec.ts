import { describe, expect, it } from 'vitest';
import { checkMappingText, uploadFormData } from './upload-form-data';

describe('uploadFormData', () => {
  it('sends the contract fields as text and the file under "file", last', async () => {
    const form = uploadFormData(
      { entity: 'customers', encoding: 'gbk', format: 'csv', pseudonymized: true, mapping: '{"columns":{"age":"birth_year"}}' },
      new Blob(['a,b\n1,2\n']),
      'partner-a.csv',
    );

    expect([...form.keys()]).toEqual(['entity', 'encoding', 'format', 'pseudonymized', 'mapping', 'file']);
    expect(form.get('entity')).toBe('customers');
    expect(form.get('encoding')).toBe('gbk');
    expect(form.get('format')).toBe('csv');
    expect(form.get('pseudonymized')).toBe('true');
    expect(form.get('mapping')).toBe('{"columns":{"age":"birth_year"}}');
    const file = form.get('file');
    if (!(file instanceof File)) throw new Error('the file part is not a File');
    expect(file.name).toBe('partner-a.csv');
    expect(await file.text()).toBe('a,b\n1,2\n');
  });

  it('leaves out options that were not chosen, so the server applies its defaults', () => {
    const form = uploadFormData({ entity: 'sales', encoding: undefined, mapping: undefined, pseudonymized: false }, new Blob(['x']), 'x.csv');
    expect([...form.keys()]).toEqual(['entity', 'pseudonymized', 'file']);
    expect(form.get('pseudonymized')).toBe('false');
  });
});

describe('checkMappingText', () => {
  it('accepts a mapping and returns it with its defaults', () => {
    const check = checkMappingText('{"entity":"customers","columns":{"cust_no":"customer_id"},"values":{"payroll":{"Y":true}}}');
    expect(check).toEqual({
      ok: true,
      mapping: { entity: 'customers', columns: { cust_no: 'customer_id' }, values: { payroll: { Y: true } }, constants: {}, derived: {} },
    });
  });

  it('says so when the text is not JSON', () => {
    expect(checkMappingText('{"columns": ')).toEqual({ ok: false, problems: ['the mapping is not valid JSON'] });
  });

  it('names the key at fault', () => {
    const check = checkMappingText('{"colums":{}}');
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems.join(' ')).toMatch(/colums/);
  });

  it('names a derivation of an unknown kind by its path', () => {
    const check = checkMappingText('{"derived":{"birth_year":{"kind":"guess"}}}');
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems[0]).toMatch(/^derived\.birth_year/);
  });
});
