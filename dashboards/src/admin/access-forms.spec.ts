import { describe, expect, it } from 'vitest';
import { isTokenUsable, tokenExpiryInstant } from './access-forms';

describe('tokenExpiryInstant', () => {
  it('ends a token at midnight China Standard Time of the chosen day, which is 16:00 UTC the day before', () => {
    expect(tokenExpiryInstant('2027-01-01')).toBe('2026-12-31T16:00:00.000Z');
  });
});

describe('isTokenUsable', () => {
  const now = new Date('2026-11-22T05:00:00Z');
  it('refuses a revoked token and one past its expiry, and accepts one without an expiry', () => {
    expect(isTokenUsable({ revokedAt: '2026-11-01T00:00:00Z', expiresAt: null }, now)).toBe(false);
    expect(isTokenUsable({ revokedAt: null, expiresAt: '2026-11-22T05:00:00Z' }, now)).toBe(false);
    expect(isTokenUsable({ revokedAt: null, expiresAt: '2026-11-22T05:00:01Z' }, now)).toBe(true);
    expect(isTokenUsable({ revokedAt: null, expiresAt: null }, now)).toBe(true);
  });
});
