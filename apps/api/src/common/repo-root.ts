import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT_PACKAGE_NAME = 'banca-insight';

/**
 * The repository root: the nearest folder above `from` whose package.json is ours. Works from the
 * sources (apps/api/src) and from the build (dist/apps/api/src) alike.
 */
export function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isOurs(manifest)) return dir;
    if (dirname(dir) === dir) throw new Error(`No ${ROOT_PACKAGE_NAME} package.json above ${from}`);
  }
}

function isOurs(manifest: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === ROOT_PACKAGE_NAME;
  } catch {
    return false;
  }
}
