import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next';

describe('safeNextPath', () => {
  it('keeps a path inside the app, with its filters', () => {
    expect(safeNextPath('/overview?region=East')).toBe('/overview?region=East');
  });

  it.each([null, '', 'https://evil.example/', '//evil.example/x', '/login?next=/overview', 'overview'])(
    'sends %s to the start page',
    (next) => {
      expect(safeNextPath(next)).toBe('/');
    },
  );
});
