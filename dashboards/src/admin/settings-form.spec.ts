import { complianceSettingsSchema } from '@banca/contracts';
import { DEFAULT_COMPLIANCE_SETTINGS, PRODUCT_CATEGORIES } from '@banca/domain';
import { describe, expect, it } from 'vitest';
import {
  draftToRequest,
  messagesAt,
  messagesByField,
  newRegionRow,
  numberText,
  parseChannels,
  parseNumberText,
  regionIssueField,
  settingsToDraft,
  toggled,
  unplacedIssues,
  type SettingsDraft,
} from './settings-form';

function requestOf(draft: SettingsDraft, effectiveFrom = '2027-01-01', note = '') {
  const result = draftToRequest(draft, effectiveFrom, note);
  if (!result.ok) throw new Error(`expected a request, got ${JSON.stringify(result.problems)}`);
  return result.request;
}

function problemsOf(draft: SettingsDraft) {
  const result = draftToRequest(draft, '2027-01-01', '');
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('settings form ↔ request', () => {
  it('sends the RULES.md defaults back unchanged when nothing is edited', () => {
    const request = requestOf(settingsToDraft(DEFAULT_COMPLIANCE_SETTINGS), '2027-01-01', '  2027 policy  ');
    expect(request).toEqual({ settings: DEFAULT_COMPLIANCE_SETTINGS, effectiveFrom: '2027-01-01', note: '2027 policy' });
    expect(complianceSettingsSchema.parse(request.settings)).toEqual(DEFAULT_COMPLIANCE_SETTINGS);
  });

  it('leaves the note out when it is blank', () => {
    expect(requestOf(settingsToDraft(DEFAULT_COMPLIANCE_SETTINGS), '2027-01-01', '   ')).not.toHaveProperty('note');
  });

  it('shows shares as percentages and stores the percentage typed as the exact ratio', () => {
    const draft = settingsToDraft(DEFAULT_COMPLIANCE_SETTINGS);
    expect(draft.numbers.affordabilityRegularShare).toBe('20');
    expect(draft.numbers['alerts.persistency13m']).toBe('85');
    const request = requestOf({ ...draft, numbers: { ...draft.numbers, affordabilityRegularShare: '7', 'alerts.coolingOffRate': '7.5 %' } });
    expect(request.settings.affordabilityRegularShare).toBe(0.07);
    expect(request.settings.alerts.coolingOffRate).toBe(0.075);
  });

  it('raises the elderly age and a region’s low-income threshold typed in 万', () => {
    const draft = settingsToDraft(DEFAULT_COMPLIANCE_SETTINGS);
    const edited: SettingsDraft = {
      ...draft,
      numbers: { ...draft.numbers, elderlyAge: '70', 'lowIncome.national': '54,188' },
      regions: [{ ...newRegionRow(), region: ' Shanghai ', amount: '8.4834万' }],
    };
    const request = requestOf(edited);
    expect(request.settings.elderlyAge).toBe(70);
    expect(request.settings.lowIncome).toEqual({ national: 54188, regions: { Shanghai: 84834 } });
  });

  it('reads regional overrides back as rows sorted by region', () => {
    const draft = settingsToDraft({ ...DEFAULT_COMPLIANCE_SETTINGS, lowIncome: { national: 54188, regions: { Shanghai: 84834, Beijing: 85415 } } });
    expect(draft.regions.map((row) => [row.region, row.amount])).toEqual([
      ['Beijing', '85415'],
      ['Shanghai', '84834'],
    ]);
    expect(new Set(draft.regions.map((row) => row.id)).size).toBe(2);
  });

  it('drops an override row left wholly empty instead of refusing the form', () => {
    const draft = { ...settingsToDraft(DEFAULT_COMPLIANCE_SETTINGS), regions: [newRegionRow()] };
    expect(requestOf(draft).settings.lowIncome.regions).toEqual({});
  });

  it('switches the assessment to every product and back to the categories it had', () => {
    const draft = settingsToDraft(DEFAULT_COMPLIANCE_SETTINGS);
    expect(requestOf({ ...draft, assessmentForAll: true }).settings.assessmentRequiredCategories).toBe('all');
    const fromAll = settingsToDraft({ ...DEFAULT_COMPLIANCE_SETTINGS, assessmentRequiredCategories: 'all' });
    expect(fromAll.assessmentForAll).toBe(true);
    expect(requestOf({ ...fromAll, assessmentForAll: false }).settings.assessmentRequiredCategories).toEqual(DEFAULT_COMPLIANCE_SETTINGS.nonGuaranteedCategories);
  });

  it('keeps categories and cleared rules in their canonical order whatever order they were ticked in', () => {
    const draft = settingsToDraft(DEFAULT_COMPLIANCE_SETTINGS);
    const edited: SettingsDraft = {
      ...draft,
      categories: { ...draft.categories, protectionCategories: ['home_property', 'accident'] },
      evidenceClears: { ...draft.evidenceClears, approval: ['DUPLICATE_COVER', 'RISK_MISMATCH'] },
    };
    const request = requestOf(edited);
    expect(request.settings.protectionCategories).toEqual(['accident', 'home_property']);
    expect(request.settings.evidenceClears.approval).toEqual(['RISK_MISMATCH', 'DUPLICATE_COVER']);
  });

  it('reads channels typed with commas, spaces or full-width commas, without blanks or repeats', () => {
    expect(parseChannels(' branch，app  branch,, wechat ')).toEqual(['branch', 'app', 'wechat']);
    const draft = settingsToDraft(DEFAULT_COMPLIANCE_SETTINGS);
    expect(draft.channels.outletChannels).toBe('branch, account_manager');
    expect(requestOf({ ...draft, channels: { ...draft.channels, outletChannels: 'branch' } }).settings.outletChannels).toEqual(['branch']);
  });
});

describe('settings form validation', () => {
  it('names every field that is empty, not a number or not whole, by the path the API would use', () => {
    const draft = settingsToDraft(DEFAULT_COMPLIANCE_SETTINGS);
    const problems = problemsOf({ ...draft, numbers: { ...draft.numbers, elderlyAge: '65.5', 'alerts.minSales': '', 'alerts.mismatchRate': 'five' } });
    expect(problems).toEqual([
      { field: 'settings.elderlyAge', code: 'notWhole' },
      { field: 'settings.alerts.mismatchRate', code: 'notNumber' },
      { field: 'settings.alerts.minSales', code: 'required' },
    ]);
  });

  it('refuses an override without a region name, a region listed twice, and a threshold that is not an amount', () => {
    const first = { ...newRegionRow(), region: 'Shanghai', amount: '84834' };
    const twice = { ...newRegionRow(), region: 'Shanghai ', amount: '90000' };
    const unnamed = { ...newRegionRow(), region: '', amount: '60000' };
    const badAmount = { ...newRegionRow(), region: 'Beijing', amount: 'lots' };
    const problems = problemsOf({ ...settingsToDraft(DEFAULT_COMPLIANCE_SETTINGS), regions: [first, twice, unnamed, badAmount] });
    expect(problems).toEqual([
      { field: `regions.${twice.id}.region`, code: 'regionDuplicate' },
      { field: `regions.${unnamed.id}.region`, code: 'regionNameMissing' },
      { field: `regions.${badAmount.id}.amount`, code: 'notNumber' },
    ]);
  });

  it('puts the form’s own problems and the API’s issues under the field they are about', () => {
    const byField = messagesByField(
      [{ field: 'settings.elderlyAge', code: 'notWhole' }],
      (code) => `problem:${code}`,
      [
        { field: 'settings.elderlyAge', message: 'Too big: expected number to be <=150' },
        { field: 'settings.outletChannels.1', message: 'Too small: expected string to have >=1 characters' },
        { field: regionIssueField(' Shanghai '), message: 'Too small: expected number to be >0' },
      ],
    );
    expect(messagesAt(byField, 'settings.elderlyAge')).toEqual(['problem:notWhole', 'Too big: expected number to be <=150']);
    expect(messagesAt(byField, 'settings.elderlyRegularPremiumAge')).toEqual([]);
    expect(messagesAt(byField, 'settings.outletChannels')).toEqual(['Too small: expected string to have >=1 characters']);
    expect(messagesAt(byField, 'settings.lowIncome.regions.Shanghai')).toEqual(['Too small: expected number to be >0']);
  });

  it('lists apart only the API issues no control shows', () => {
    const issues = [
      { field: 'effectiveFrom', message: 'must not be before the version in force' },
      { field: 'settings', message: 'Unrecognized key: "extra"' },
      { field: '', message: 'Forbidden' },
      { field: 'settings.alerts.minSales', message: 'Too small' },
    ];
    expect(unplacedIssues(issues)).toEqual([issues[1], issues[2]]);
  });
});

describe('numbers as typed', () => {
  it('writes stored numbers without binary noise', () => {
    expect(numberText(0.07, 'percent')).toBe('7');
    expect(numberText(0.0005, 'percent')).toBe('0.05');
    expect(numberText(1.43, 'decimal')).toBe('1.43');
    expect(numberText(54188, 'amount')).toBe('54188');
  });

  it('reads decimals exactly, without rounding them to cents like amounts', () => {
    expect(parseNumberText('1.435', 'decimal')).toEqual({ ok: true, value: 1.435 });
    expect(parseNumberText('1,000', 'integer')).toEqual({ ok: true, value: 1000 });
    expect(parseNumberText('1e3', 'decimal')).toEqual({ ok: false, code: 'notNumber' });
    expect(parseNumberText('  ', 'percent')).toEqual({ ok: false, code: 'required' });
  });
});

describe('toggled', () => {
  it('adds and removes a value and keeps the canonical order', () => {
    expect(toggled(['medical'], 'accident', true, PRODUCT_CATEGORIES)).toEqual(['accident', 'medical']);
    expect(toggled(['accident', 'medical'], 'accident', false, PRODUCT_CATEGORIES)).toEqual(['medical']);
    expect(toggled(['accident'], 'accident', true, PRODUCT_CATEGORIES)).toEqual(['accident']);
  });
});
