import { describe, expect, it } from 'vitest';
import { withoutSecrets } from './audit.sanitizer';

describe('withoutSecrets', () => {
  it('drops passwords, hashes and token values at any depth and keeps token ids and prefixes', () => {
    expect(
      withoutSecrets({
        username: 'carol',
        password: 'p',
        newPassword: 'p',
        passwordHash: 'h',
        apiToken: { id: 't1', prefix: 'bit_abcd', token: 'bit_full', tokenHash: 'abc' },
        sessionToken: 'bis_x',
        tokenId: 't1',
        list: [{ secret: 's', kept: 1 }],
      }),
    ).toEqual({ username: 'carol', apiToken: { id: 't1', prefix: 'bit_abcd' }, tokenId: 't1', list: [{ kept: 1 }] });
  });

  it('writes dates as ISO strings', () => {
    expect(withoutSecrets({ at: new Date('2025-01-02T03:04:05Z') })).toEqual({ at: '2025-01-02T03:04:05.000Z' });
  });
});
