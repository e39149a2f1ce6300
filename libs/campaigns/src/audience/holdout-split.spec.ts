import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { holdoutArm, holdoutBucket } from './holdout-split';

const ids = Array.from({ length: 20_000 }, (_, i) => createHash('sha256').update(`customer-${i}`).digest('hex'));

describe('holdoutBucket: the hash split of (campaign, customer)', () => {
  it('is the first 32 bits of md5("<campaign>:<customer>") over 2^32', () => {
    // md5("a:b") = d8160c9b3dc20d4e931aeb4f45262155, from GNU coreutils: `printf 'a:b' | md5sum`
    expect(createHash('md5').update('a:b').digest('hex').slice(0, 8)).toBe('d8160c9b');
    expect(holdoutBucket('a', 'b')).toBe(0xd8160c9b / 4_294_967_296);
  });

  it('is the same number every time for the same campaign and customer, in [0, 1)', () => {
    for (const id of ids.slice(0, 1_000)) {
      const bucket = holdoutBucket('RENEWAL-2025', id);
      expect(bucket).toBe(holdoutBucket('RENEWAL-2025', id));
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThan(1);
    }
  });

  it('spreads customers evenly: ten equal bins pass a chi-square test (9 df, p > 0.001)', () => {
    const bins = new Array<number>(10).fill(0);
    for (const id of ids) bins[Math.floor(holdoutBucket('RENEWAL-2025', id) * 10)]!++;
    const expected = ids.length / 10;
    const chiSquare = bins.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    // 27.88 is the 0.999 quantile of chi-square with 9 df (R: qchisq(0.999, 9))
    expect(chiSquare).toBeLessThan(27.88);
  });

  it('holds out customers below the share, and none with a share of 0', () => {
    const held = ids.filter((id) => holdoutArm('RENEWAL-2025', id, 0.1) === 'holdout').length;
    // Binomial(20000, 0.1): mean 2000, sd 42.4; ±4 sd
    expect(held).toBeGreaterThan(1_830);
    expect(held).toBeLessThan(2_170);
    expect(ids.every((id) => holdoutArm('RENEWAL-2025', id, 0) === 'treatment')).toBe(true);
    for (const id of ids.slice(0, 500)) expect(holdoutArm('X', id, 0.3)).toBe(holdoutBucket('X', id) < 0.3 ? 'holdout' : 'treatment');
  });

  it('splits each campaign independently', () => {
    const both = ids.filter((id) => holdoutArm('A', id, 0.5) === 'holdout' && holdoutArm('B', id, 0.5) === 'holdout').length;
    // independent halves: a quarter in both (sd 61); the same split would put half in both
    expect(Math.abs(both - ids.length / 4)).toBeLessThan(250);
  });
});
