import type { CampaignDto } from '@banca/contracts';
import { describe, expect, it } from 'vitest';
import { emptyPlanForm, filterIssues, formFieldOf, patchFromRequest, placeProblems, planFormFromCampaign, planFormToRequest, splitCodes, type PlanForm } from './plan-form';

function filled(overrides: Partial<PlanForm> = {}): PlanForm {
  return {
    ...emptyPlanForm(),
    code: ' SPRING-25 ',
    name: 'Spring protection',
    bankPartner: 'Bank',
    insurerPartner: 'Insurer',
    startDate: '2025-03-01',
    endDate: '2025-04-30',
    tiers: ['middle'],
    productCodes: 'CI-1, ACC-2；CI-1',
    offerKind: 'rebate',
    offerRatePercent: '5',
    offerCost: '50',
    channels: ['app'],
    otherChannels: 'cellular',
    budget: '50万',
    budgetLines: { promotion: '200,000', gifts: '', training: '', fees: '' },
    goalMetric: 'conversion_rate',
    goalTarget: '15',
    holdoutPercent: '20',
    ...overrides,
  };
}

describe('planFormToRequest', () => {
  it('maps the typed form to the API plan: trimmed text, split codes, amounts in 万, percentages as shares', () => {
    const result = planFormToRequest(filled(), { field: 'age', op: 'between', min: 30, max: 50 });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.request).toMatchObject({
      code: 'SPRING-25',
      attributionDays: 30,
      target: { tiers: ['middle'], segmentIds: [], filter: { field: 'age', op: 'between', min: 30, max: 50 } },
      productCodes: ['CI-1', 'ACC-2'],
      offer: { kind: 'rebate', description: '', rate: 0.05, costPerRedemption: 50 },
      channels: ['app', 'cellular'],
      budget: 500_000,
      budgetLines: { promotion: 200_000 },
      goal: { metric: 'conversion_rate', target: 0.15 },
      holdoutShare: 0.2,
      contactPolicy: { maxContacts: 4, periodDays: 30 },
    });
  });

  it('keeps counts and money goals as typed, and leaves empty optional numbers to their defaults', () => {
    const result = planFormToRequest(filled({ goalMetric: 'premium', goalTarget: '100万', offerRatePercent: '', offerCost: '', budget: '' }), null);
    if (!result.ok) throw new Error('expected a request');
    expect(result.request.goal).toEqual({ metric: 'premium', target: 1_000_000 });
    expect(result.request.offer.rate).toBeNull();
    expect(result.request.offer.costPerRedemption).toBe(0);
    expect(result.request.budget).toBe(0);
    expect(result.request.target.filter).toBeNull();
  });

  it('names every field that is not a number, and a goal without a target', () => {
    const result = planFormToRequest(filled({ attributionDays: '3.5', holdoutPercent: 'ten', budgetLines: { promotion: 'x', gifts: '', training: '', fees: '' }, goalTarget: '' }), null);
    expect(result).toEqual({
      ok: false,
      problems: [
        { field: 'attributionDays', code: 'notANumber' },
        { field: 'budgetLines.promotion', code: 'notANumber' },
        { field: 'holdoutShare', code: 'notANumber' },
        { field: 'goal.target', code: 'required' },
      ],
    });
  });

  it('passes a holdout above 50 % through, for the server to refuse with its own message', () => {
    const result = planFormToRequest(filled({ holdoutPercent: '60' }), null);
    expect(result.ok && result.request.holdoutShare).toBe(0.6);
  });
});

describe('planFormFromCampaign', () => {
  it('gives back the form a request was made from (round trip)', () => {
    const form = filled({ code: 'SPRING-25' });
    const mapped = planFormToRequest(form, null);
    if (!mapped.ok) throw new Error('expected a request');
    const campaign: CampaignDto = {
      ...mapped.request,
      origin: 'platform',
      status: 'draft',
      windowEnd: '2025-05-30',
      audience: { status: 'none', jobId: null, builtAt: null, decidedOn: null, targeted: 0, eligible: 0, treatment: 0, holdout: 0, excluded: { CONSENT_MISSING: 0, CONTACT_POLICY: 0, RISK_MISMATCH: 0, ELDERLY_NON_GUARANTEED: 0 }, error: null },
      launchedAt: null,
      completedAt: null,
      cancelledAt: null,
      cancelReason: null,
      launchProblems: [],
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    };
    const back = planFormFromCampaign(campaign);
    const again = planFormToRequest(back, null);
    expect(again.ok && again.request).toEqual(mapped.request);
    expect(back).toMatchObject({ budget: '500000', offerRatePercent: '5', goalTarget: '15', holdoutPercent: '20', channels: ['app'], otherChannels: 'cellular' });
  });
});

describe('placing problems', () => {
  it('finds the field of a path, the most specific one first', () => {
    expect(formFieldOf('productCodes.2')).toBe('productCodes');
    expect(formFieldOf('offer.rate')).toBe('offer.rate');
    expect(formFieldOf('offer')).toBe('offer');
    expect(formFieldOf('budgetLines.gifts')).toBe('budgetLines.gifts');
    expect(formFieldOf('target.filter.all.0.value')).toBe('target.filter');
    expect(formFieldOf('target')).toBe('target');
    expect(formFieldOf('body.holdoutShare')).toBe('holdoutShare');
    expect(formFieldOf('somethingElse')).toBeNull();
  });

  it('groups messages by field, drops repeats and keeps the rest as general problems', () => {
    const placed = placeProblems([
      { field: 'endDate', message: 'the end date is before the start date' },
      { field: 'endDate', message: 'the end date is before the start date' },
      { field: 'holdoutShare', message: 'the holdout is at most 50 %' },
      { field: '', message: 'the plan is not valid' },
    ]);
    expect([...placed.byField.entries()]).toEqual([
      ['endDate', ['the end date is before the start date']],
      ['holdoutShare', ['the holdout is at most 50 %']],
    ]);
    expect(placed.general).toEqual(['the plan is not valid']);
  });

  it('re-roots the filter’s problems for the rule editor and leaves the others out', () => {
    expect(filterIssues([
      { field: 'target.filter.all.1.value', message: 'not a number' },
      { field: 'name', message: 'give the campaign a name' },
    ])).toEqual([{ field: 'rule.all.1.value', message: 'not a number' }]);
  });
});

describe('splitCodes and patchFromRequest', () => {
  it('splits on commas, semicolons (also full-width) and white space', () => {
    expect(splitCodes(' A1,B2；C3  D4;A1 ')).toEqual(['A1', 'B2', 'C3', 'D4']);
    expect(splitCodes('  ')).toEqual([]);
  });

  it('sends every plan field but the code in a PATCH', () => {
    const mapped = planFormToRequest(filled(), null);
    if (!mapped.ok) throw new Error('expected a request');
    const patch = patchFromRequest(mapped.request);
    expect('code' in patch).toBe(false);
    expect(patch.name).toBe('Spring protection');
  });
});
