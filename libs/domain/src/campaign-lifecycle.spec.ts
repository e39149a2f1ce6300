import { describe, expect, it } from 'vitest';
import {
  AUDIENCE_LOCKED_FIELDS,
  audienceLockedChanges,
  campaignLaunchProblems,
  campaignPlanProblems,
  campaignProblemsError,
  campaignWindowEnd,
  nextCampaignStatus,
  statusOnDate,
} from './campaign-lifecycle';
import { DEFAULT_CONTACT_POLICY, type CampaignPlan, type CampaignStatus } from './campaign-plan';
import { ConflictError, ValidationError } from './errors';
import type { SegmentRule } from './segment-rules';

/** A launchable plan: high-net-worth customers offered a term life product, 10 % holdout. */
function plan(overrides: Partial<CampaignPlan> = {}): CampaignPlan {
  return {
    code: 'SPRING-PROTECT-26',
    name: 'Spring protection drive',
    description: '',
    bankPartner: 'Harbour Bank',
    insurerPartner: 'Lotus Life',
    startDate: '2026-03-01',
    endDate: '2026-04-30',
    attributionDays: 30,
    target: { tiers: ['hnw'], segmentIds: [], filter: null },
    productCodes: ['TERM-LIFE-20'],
    offer: { kind: 'rebate', description: '10 % first-year rebate', rate: 0.1, costPerRedemption: 200 },
    channels: ['branch', 'app'],
    budget: 100_000,
    budgetLines: { promotion: 60_000, gifts: 40_000 },
    goal: { metric: 'conversion_rate', target: 0.15 },
    holdoutShare: 0.1,
    contactPolicy: DEFAULT_CONTACT_POLICY,
    ...overrides,
  };
}

const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

/** The action fails with a ConflictError saying exactly `message`. */
function expectConflict(action: () => unknown, message: string): void {
  let error: unknown;
  try {
    action();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConflictError);
  expect((error as ConflictError).message).toBe(message);
}

describe('campaignWindowEnd', () => {
  it.each([
    ['2026-04-30', 30, '2026-05-30'],
    ['2026-04-30', 0, '2026-04-30'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2025-12-01', 365, '2026-12-01'],
  ])('%s + %i days of attribution → %s (as PostgreSQL date + integer)', (end, days, expected) => {
    expect(campaignWindowEnd(end, days)).toBe(expected);
  });

  it('rejects a negative or fractional window and a date that is not one', () => {
    expect(() => campaignWindowEnd('2026-04-30', -1)).toThrow(ValidationError);
    expect(() => campaignWindowEnd('2026-04-30', 1.5)).toThrow(ValidationError);
    expect(() => campaignWindowEnd('2026-02-30', 1)).toThrow(ValidationError);
  });
});

describe('campaignPlanProblems', () => {
  it('a sound plan has none', () => {
    expect(campaignPlanProblems(plan())).toEqual([]);
  });

  it('a draft without target or products can still be saved', () => {
    expect(campaignPlanProblems(plan({ target: { tiers: [], segmentIds: [], filter: null }, productCodes: [] }))).toEqual([]);
  });

  it('says which date is out of order, with both dates', () => {
    expect(campaignPlanProblems(plan({ startDate: '2026-02-01', endDate: '2026-01-01' }))).toEqual([
      { field: 'endDate', message: 'the end date 2026-01-01 is before the start date 2026-02-01' },
    ]);
  });

  it('a one-day campaign (start = end) is fine', () => {
    expect(campaignPlanProblems(plan({ startDate: '2026-03-01', endDate: '2026-03-01' }))).toEqual([]);
  });

  it('names a date that is not a calendar date', () => {
    expect(campaignPlanProblems(plan({ startDate: '2026-02-30' }))).toEqual([
      { field: 'startDate', message: 'the start date "2026-02-30" is not a calendar date (YYYY-MM-DD)' },
    ]);
  });

  it.each([
    [0, true],
    [0.5, true],
    [0.25, true],
    [0.51, false],
    [-0.1, false],
    [Number.NaN, false],
  ])('holdout share %f allowed: %s (0 to 50 %)', (holdoutShare, ok) => {
    expect(fields(campaignPlanProblems(plan({ holdoutShare })))).toEqual(ok ? [] : ['holdoutShare']);
  });

  it('explains the holdout limit in percent', () => {
    expect(campaignPlanProblems(plan({ holdoutShare: 0.6 }))[0]!.message).toBe('the holdout is at most 50 %, got 60 %');
  });

  it('budget lines may add up to the budget but not more', () => {
    expect(campaignPlanProblems(plan({ budget: 100_000, budgetLines: { promotion: 70_000, gifts: 30_000 } }))).toEqual([]);
    // 0.1 + 0.2 lines in a 0.3 budget: compared in cents, not in binary fractions
    expect(campaignPlanProblems(plan({ budget: 0.3, budgetLines: { promotion: 0.1, gifts: 0.2 } }))).toEqual([]);
    expect(campaignPlanProblems(plan({ budget: 100_000, budgetLines: { promotion: 70_000, gifts: 40_000, fees: 10_000 } }))).toEqual([
      { field: 'budgetLines', message: 'the budget lines add up to 120,000 CNY, more than the budget of 100,000 CNY' },
    ]);
  });

  it('rejects negative money and unknown budget lines', () => {
    const problems = campaignPlanProblems(
      plan({ budget: -1, budgetLines: { promotion: -5 }, offer: { kind: 'gift', description: '', rate: null, costPerRedemption: -1 } }),
    );
    expect(fields(problems)).toEqual(['budget', 'budgetLines.promotion', 'offer.costPerRedemption']);
    const unknownLine = { ...plan().budgetLines, lunch: 10 } as CampaignPlan['budgetLines'];
    expect(fields(campaignPlanProblems(plan({ budgetLines: unknownLine })))).toEqual(['budgetLines.lunch']);
  });

  it.each([
    [{ metric: 'conversion_rate', target: 0.15 }, null],
    [{ metric: 'conversion_rate', target: 15 }, 'a conversion rate goal is a share between 0 and 1 (0.15 for 15 %), got 15'],
    [{ metric: 'penetration', target: 1.2 }, 'a penetration goal is a share between 0 and 1 (0.15 for 15 %), got 1.2'],
    [{ metric: 'uplift_points', target: 0.02 }, null],
    [{ metric: 'uplift_points', target: 2 }, 'an uplift goal is a difference of rates (0.02 for 2 points), at most 1, got 2'],
    [{ metric: 'converted', target: 400 }, null],
    [{ metric: 'converted', target: 400.5 }, 'a goal of converted customers is a whole number, got 400.5'],
    [{ metric: 'premium', target: 5_000_000 }, null],
    [{ metric: 'fee_income', target: 0 }, 'a goal needs a target above 0, got 0'],
  ] as const)('goal %o → %s', (goal, message) => {
    expect(campaignPlanProblems(plan({ goal }))).toEqual(message ? [{ field: 'goal.target', message }] : []);
  });

  it('no goal is fine', () => {
    expect(campaignPlanProblems(plan({ goal: null }))).toEqual([]);
  });

  it('checks attribution days, offer rate and contact policy ranges', () => {
    const problems = campaignPlanProblems(
      plan({
        attributionDays: 400,
        offer: { kind: 'discount', description: '', rate: 1.5, costPerRedemption: 0 },
        contactPolicy: { maxContacts: 0, periodDays: 0 },
      }),
    );
    expect(fields(problems)).toEqual(['attributionDays', 'offer.rate', 'contactPolicy.maxContacts', 'contactPolicy.periodDays']);
  });

  it('a product offered twice is named', () => {
    expect(campaignPlanProblems(plan({ productCodes: ['TERM-LIFE-20', 'TERM-LIFE-20'] }))).toEqual([
      { field: 'productCodes', message: 'the product TERM-LIFE-20 is offered twice' },
    ]);
  });

  it.each(['overview', 'rollups', 'Overview'])('the code %s is reserved for a page under /campaigns', (code) => {
    expect(fields(campaignPlanProblems(plan({ code })))).toEqual(['code']);
  });

  it('reports every problem at once', () => {
    const problems = campaignPlanProblems(plan({ startDate: '2026-05-01', endDate: '2026-04-01', holdoutShare: 0.9, budget: 10, budgetLines: { gifts: 20 } }));
    expect(fields(problems)).toEqual(['endDate', 'holdoutShare', 'budgetLines']);
  });
});

describe('campaignLaunchProblems', () => {
  it('a sound plan with a target and a product can launch', () => {
    expect(campaignLaunchProblems(plan())).toEqual([]);
  });

  it('no launch without a target or without products, each explained', () => {
    expect(campaignLaunchProblems(plan({ target: { tiers: [], segmentIds: [], filter: null }, productCodes: [] }))).toEqual([
      { field: 'target', message: 'no launch without a target: choose tiers, saved segments or a filter' },
      { field: 'productCodes', message: 'no launch without an offered product: choose a product or a bundle' },
    ]);
  });

  it('a saved segment alone, or a filter alone, is a target', () => {
    expect(campaignLaunchProblems(plan({ target: { tiers: [], segmentIds: ['6f1c1f7e-1111-4b8a-9c2e-000000000001'], filter: null } }))).toEqual([]);
    const filter: SegmentRule = { field: 'tier', op: 'in', values: ['hnw', 'middle'] };
    expect(campaignLaunchProblems(plan({ target: { tiers: [], segmentIds: [], filter } }))).toEqual([]);
  });

  it('includes the plan problems', () => {
    expect(fields(campaignLaunchProblems(plan({ holdoutShare: 0.7, productCodes: [] })))).toEqual(['holdoutShare', 'productCodes']);
  });
});

describe('campaignProblemsError', () => {
  it('names the first field and carries every problem', () => {
    const error = campaignProblemsError(campaignLaunchProblems(plan({ productCodes: [], holdoutShare: 0.7 })));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.location).toEqual({ field: 'holdoutShare' });
    expect(error.message).toBe('field "holdoutShare": the holdout is at most 50 %, got 70 %');
    expect(fields(error.details!['problems'] as { field: string }[])).toEqual(['holdoutShare', 'productCodes']);
  });
});

describe('AUDIENCE_LOCKED_FIELDS and audienceLockedChanges', () => {
  it('locks what the audience was built from', () => {
    expect([...AUDIENCE_LOCKED_FIELDS].sort()).toEqual(['code', 'contactPolicy', 'holdoutShare', 'productCodes', 'startDate', 'target']);
  });

  it('names each locked field a patch would change', () => {
    const changes = audienceLockedChanges(plan(), {
      holdoutShare: 0.2,
      target: { tiers: ['hnw', 'middle'], segmentIds: [], filter: null },
      endDate: '2026-05-31',
      name: 'Renamed',
    });
    expect(changes).toEqual([
      { field: 'target', message: 'the target cannot change after launch: the audience was built from it' },
      { field: 'holdoutShare', message: 'the holdout share cannot change after launch: the audience was built from it' },
    ]);
  });

  it('a locked field sent back unchanged (keys in another order) is not a change', () => {
    const current = plan();
    expect(
      audienceLockedChanges(current, {
        target: { filter: null, segmentIds: [], tiers: ['hnw'] },
        productCodes: ['TERM-LIFE-20'],
        contactPolicy: { periodDays: DEFAULT_CONTACT_POLICY.periodDays, maxContacts: DEFAULT_CONTACT_POLICY.maxContacts },
        startDate: current.startDate,
      }),
    ).toEqual([]);
  });

  it('a different product or start date is a change', () => {
    expect(fields(audienceLockedChanges(plan(), { productCodes: ['WHOLE-LIFE'] }))).toEqual(['productCodes']);
    expect(fields(audienceLockedChanges(plan(), { startDate: '2026-03-02' }))).toEqual(['startDate']);
  });
});

describe('statusOnDate', () => {
  const dates = { startDate: '2026-03-01', endDate: '2026-04-30', attributionDays: 30 };
  it.each([
    ['2026-02-28', 'scheduled'],
    ['2026-03-01', 'running'],
    ['2026-04-30', 'running'],
    // after the end, sales still count until the attribution window closes
    ['2026-05-30', 'running'],
    ['2026-05-31', 'completed'],
  ] as const)('on %s → %s', (today, status) => {
    expect(statusOnDate(dates, today)).toBe(status);
  });
});

describe('nextCampaignStatus', () => {
  const p = plan();

  describe('launch', () => {
    it('from draft before the start → scheduled; on or after the start → running', () => {
      expect(nextCampaignStatus('draft', 'launch', '2026-02-15', p)).toBe('scheduled');
      expect(nextCampaignStatus('draft', 'launch', '2026-03-01', p)).toBe('running');
      expect(nextCampaignStatus('draft', 'launch', '2026-04-30', p)).toBe('running');
    });

    it('again while scheduled, before the start (the audience is rebuilt)', () => {
      expect(nextCampaignStatus('scheduled', 'launch', '2026-02-28', p)).toBe('scheduled');
    });

    it('not once the start date has come, even if the daily advance has not run yet', () => {
      expectConflict(() => nextCampaignStatus('scheduled', 'launch', '2026-03-01', p), 'the campaign started on 2026-03-01: its audience is fixed');
    });

    it.each([
      ['running', 'the campaign is already running: its audience is fixed'],
      ['completed', 'the campaign is completed and cannot be launched again'],
      ['cancelled', 'the campaign was cancelled and cannot be launched; plan a new one'],
    ] as const)('not from %s: %s', (status, message) => {
      expectConflict(() => nextCampaignStatus(status, 'launch', '2026-02-01', p), message);
    });

    it('not after the end date', () => {
      expectConflict(() => nextCampaignStatus('draft', 'launch', '2026-05-01', p), 'the campaign ended on 2026-04-30 (today is 2026-05-01): move its dates to launch it');
    });

    it('not without a target: a ValidationError naming the field', () => {
      const noTarget = plan({ target: { tiers: [], segmentIds: [], filter: null } });
      let error: unknown;
      try {
        nextCampaignStatus('draft', 'launch', '2026-02-01', noTarget);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).location).toEqual({ field: 'target' });
      expect((error as ValidationError).message).toContain('no launch without a target: choose tiers, saved segments or a filter');
    });
  });

  describe('cancel', () => {
    it.each(['draft', 'scheduled', 'running'] as const)('from %s → cancelled', (status) => {
      expect(nextCampaignStatus(status, 'cancel', '2026-03-10', p)).toBe('cancelled');
    });
    it.each([
      ['completed', 'the campaign is completed and cannot be cancelled'],
      ['cancelled', 'the campaign is already cancelled'],
    ] as const)('not from %s', (status, message) => {
      expectConflict(() => nextCampaignStatus(status, 'cancel', '2026-03-10', p), message);
    });
  });

  describe('complete', () => {
    it('a running campaign can be completed early by hand', () => {
      expect(nextCampaignStatus('running', 'complete', '2026-03-10', p)).toBe('completed');
    });
    it.each([
      ['draft', 'the campaign was never launched: launch it or cancel it'],
      ['scheduled', 'the campaign has not started yet (it starts on 2026-03-01): cancel it instead'],
      ['completed', 'the campaign is already completed'],
      ['cancelled', 'the campaign was cancelled and cannot be completed'],
    ] as const)('not from %s', (status, message) => {
      expectConflict(() => nextCampaignStatus(status, 'complete', '2026-02-10', p), message);
    });
  });

  describe('advance (the daily job)', () => {
    it.each([
      ['scheduled', '2026-02-28', 'scheduled'],
      ['scheduled', '2026-03-01', 'running'],
      ['scheduled', '2026-06-15', 'completed'],
      ['running', '2026-05-30', 'running'],
      ['running', '2026-05-31', 'completed'],
      // never backwards, even if the dates moved after launch
      ['running', '2026-02-01', 'running'],
      // drafts and finished campaigns stay as they are
      ['draft', '2026-03-10', 'draft'],
      ['completed', '2026-03-10', 'completed'],
      ['cancelled', '2026-03-10', 'cancelled'],
    ] as const)('%s on %s → %s', (status, today, expected) => {
      expect(nextCampaignStatus(status as CampaignStatus, 'advance', today, p)).toBe(expected);
    });
  });
});
