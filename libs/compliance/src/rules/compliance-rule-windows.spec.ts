import { describe, expect, it } from 'vitest';
import { addMonths, complianceRuleVersionOn, DEFAULT_COMPLIANCE_SETTINGS, type ComplianceRuleVersion } from '@banca/domain';
import { ruleVersionWindows } from './compliance-rule-windows';

const v = (version: number, effectiveFrom: string): ComplianceRuleVersion => ({ version, effectiveFrom, settings: DEFAULT_COMPLIANCE_SETTINGS });

function windowVersionOn(versions: ComplianceRuleVersion[], date: string): number[] {
  return ruleVersionWindows(versions)
    .filter((w) => (w.from === null || w.from <= date) && (w.to === null || date < w.to))
    .map((w) => w.version.version);
}

describe('rule version windows', () => {
  it('has no window without versions', () => {
    expect(ruleVersionWindows([])).toEqual([]);
  });

  it('gives every sale date exactly the version complianceRuleVersionOn picks', () => {
    const cases: ComplianceRuleVersion[][] = [
      [v(1, '1970-01-01')],
      [v(1, '1970-01-01'), v(2, '2024-03-01')],
      // back-dated and same-day versions: the highest version of a date wins, a later date takes over
      [v(1, '1970-01-01'), v(2, '2024-03-01'), v(3, '2024-03-01'), v(4, '2023-01-31')],
      // the lowest version decides dates before any took effect, even when it starts late
      [v(1, '2024-06-30'), v(2, '2024-01-01')],
    ];
    for (const versions of cases) {
      for (let date = '2022-12-31'; date < '2025-01-01'; date = addMonths(date, 1)) {
        for (const day of [date, `${date.slice(0, 8)}01`]) {
          expect([day, windowVersionOn(versions, day)]).toEqual([day, [complianceRuleVersionOn(versions, day)!.version]]);
        }
      }
      for (const w of ruleVersionWindows(versions)) {
        for (const day of [w.from, w.to].filter((d): d is string => d !== null)) {
          expect([day, windowVersionOn(versions, day)]).toEqual([day, [complianceRuleVersionOn(versions, day)!.version]]);
        }
      }
    }
  });
});
