import { describe, expect, it } from 'vitest';
import { complianceRuleVersionOn, complianceSettingsProblems, DEFAULT_COMPLIANCE_SETTINGS, type ComplianceSettings } from './compliance-settings';

describe('complianceRuleVersionOn: the settings a sale is checked under', () => {
  const versions = [
    { version: 1, effectiveFrom: '1970-01-01' },
    { version: 2, effectiveFrom: '2025-01-01' },
    { version: 3, effectiveFrom: '2025-01-01' },
    { version: 4, effectiveFrom: '2026-01-01' },
  ];

  it.each([
    ['1970-01-01', 1],
    ['2024-12-31', 1],
    ['2025-01-01', 3],
    ['2025-12-31', 3],
    ['2026-01-01', 4],
    ['2030-06-15', 4],
  ])('a sale on %s is checked under version %i', (date, version) => {
    expect(complianceRuleVersionOn(versions, date)?.version).toBe(version);
  });

  it('a sale before every version took effect is checked under the lowest version, whatever the list order', () => {
    const later = [
      { version: 6, effectiveFrom: '2025-03-01' },
      { version: 5, effectiveFrom: '2025-02-01' },
    ];
    expect(complianceRuleVersionOn(later, '2020-01-01')?.version).toBe(5);
    expect(complianceRuleVersionOn([...versions].reverse(), '2025-06-01')?.version).toBe(3);
  });

  it('no versions: none in force', () => {
    expect(complianceRuleVersionOn([], '2025-06-01')).toBeNull();
  });
});

describe('complianceSettingsProblems', () => {
  const withChanges = (changes: Partial<ComplianceSettings>): ComplianceSettings => ({ ...DEFAULT_COMPLIANCE_SETTINGS, ...changes });

  it('accepts the RULES.md defaults', () => {
    expect(complianceSettingsProblems(DEFAULT_COMPLIANCE_SETTINGS)).toEqual([]);
  });

  it('refuses a regular-premium elderly age above the elderly age, and accepts them equal', () => {
    expect(complianceSettingsProblems(withChanges({ elderlyAge: 65, elderlyRegularPremiumAge: 66 }))).toEqual([
      { field: 'elderlyRegularPremiumAge', message: 'must not be above the elderly age' },
    ]);
    expect(complianceSettingsProblems(withChanges({ elderlyAge: 65, elderlyRegularPremiumAge: 65 }))).toEqual([]);
  });

  it('refuses a grid where a more risk-tolerant customer is allowed less, and accepts a flat one', () => {
    expect(complianceSettingsProblems(withChanges({ riskGrid: { C1: 'R1', C2: 'R3', C3: 'R2', C4: 'R4', C5: 'R5' } }))).toEqual([
      { field: 'riskGrid.C3', message: 'must allow at least what C2 allows (R3)' },
    ]);
    expect(complianceSettingsProblems(withChanges({ riskGrid: { C1: 'R2', C2: 'R2', C3: 'R2', C4: 'R2', C5: 'R2' } }))).toEqual([]);
  });

  it('refuses evidence listing the same rule twice', () => {
    const evidenceClears: ComplianceSettings['evidenceClears'] = {
      ...DEFAULT_COMPLIANCE_SETTINGS.evidenceClears,
      recording: ['DUAL_RECORDING_MISSING', 'DUAL_RECORDING_MISSING'],
    };
    expect(complianceSettingsProblems(withChanges({ evidenceClears }))).toEqual([
      { field: 'evidenceClears.recording', message: 'lists a rule twice' },
    ]);
  });
});
