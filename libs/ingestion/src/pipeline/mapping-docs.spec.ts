import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestionMappingSchema } from '@banca/contracts';
import { ENTITY_DEFINITIONS } from '../entities/entity-registry';
import { checkMapping } from './column-plan';

const docs = readFileSync(new URL('../../../../docs/mapping-files.md', import.meta.url), 'utf8');
const examples = [...docs.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('docs/mapping-files.md', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  it.each(examples.map((json, i) => [i + 1, json] as const))('example %i is a valid mapping of its entity', (_, json) => {
    const mapping = ingestionMappingSchema.parse(JSON.parse(json));
    expect(mapping.entity).toBeDefined();
    expect(() => checkMapping(ENTITY_DEFINITIONS[mapping.entity!], mapping, 'example')).not.toThrow();
  });
});
