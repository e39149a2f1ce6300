import type { ComplianceRuleVersion } from '@banca/domain';

/** The sale dates one rule version decides: from (inclusive, null: since ever) to (exclusive, null: onwards). */
export interface RuleVersionWindow {
  version: ComplianceRuleVersion;
  from: string | null;
  to: string | null;
}

/**
 * Cuts the calendar into the windows each version is in force, as `complianceRuleVersionOn` picks them:
 * from each effective date to the next, the highest version on a tie; before the first effective date,
 * the lowest version. Versions that are never in force get no window.
 */
export function ruleVersionWindows(versions: readonly ComplianceRuleVersion[]): RuleVersionWindow[] {
  if (versions.length === 0) return [];
  const byDate = new Map<string, ComplianceRuleVersion>();
  for (const v of versions) {
    const current = byDate.get(v.effectiveFrom);
    if (!current || v.version > current.version) byDate.set(v.effectiveFrom, v);
  }
  const dates = [...byDate.keys()].sort();
  const lowest = versions.reduce((a, b) => (b.version < a.version ? b : a));
  const windows: RuleVersionWindow[] = [{ version: lowest, from: null, to: dates[0]! }];
  dates.forEach((date, i) => windows.push({ version: byDate.get(date)!, from: date, to: dates[i + 1] ?? null }));
  return windows;
}
