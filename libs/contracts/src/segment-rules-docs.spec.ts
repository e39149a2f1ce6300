import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { segmentRuleSchema } from './segments.contract';

const docs = readFileSync(new URL('../../../docs/segment-rules.md', import.meta.url), 'utf8');
const examples = [...docs.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('docs/segment-rules.md', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  it.each(examples.map((json, i) => [i + 1, json] as const))('example %i is a valid rule, kept as written', (_, json) => {
    const rule: unknown = JSON.parse(json);
    expect(segmentRuleSchema.parse(rule)).toEqual(rule);
  });
});
