import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRepoRoot } from './repo-root';

describe('findRepoRoot', () => {
  it('finds the repository from the sources', () => {
    expect(findRepoRoot(__dirname)).toBe(resolve(__dirname, '..', '..', '..', '..'));
  });

  it('skips other package.json files on the way up (as from dist/apps/api/src)', () => {
    const root = mkdtempSync(join(tmpdir(), 'banca-root-'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'banca-insight' }));
    const deep = join(root, 'dist', 'apps', 'api', 'src');
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(root, 'dist', 'package.json'), JSON.stringify({ name: 'something-else' }));
    expect(findRepoRoot(deep)).toBe(root);
  });

  it('says so when there is no repository above', () => {
    expect(() => findRepoRoot(mkdtempSync(join(tmpdir(), 'banca-none-')))).toThrow(/banca-insight/);
  });
});
