import { Injectable } from '@nestjs/common';
import {
  COMPLETENESS_FIELDS,
  MIGRATION_FROM_TIERS,
  type CompletenessGroup,
  type CompletenessQuery,
  type CompletenessResponse,
  type ConsentQuery,
  type ConsentResponse,
  type PenetrationQuery,
  type PenetrationResponse,
  type TierBreakdownQuery,
  type TierBreakdownResponse,
  type TierMigrationQuery,
  type TierMigrationResponse,
} from '@banca/contracts';
import { shareOf, TIERS, type Tier } from '@banca/domain';
import { TierFiguresRepository, type CompletenessRow } from './tier-figures.repository';
import { TierRepository } from './tier.repository';

const RANK: Record<Tier, number> = { basic: 0, middle: 1, hnw: 2 };

/** Figures of the Segments dashboard: tier distribution, migration, penetration, completeness, consent. */
@Injectable()
export class TierFiguresService {
  constructor(
    private readonly figures: TierFiguresRepository,
    private readonly tiers: TierRepository,
  ) {}

  async breakdown(query: TierBreakdownQuery): Promise<TierBreakdownResponse> {
    const [rows, computation] = await Promise.all([
      this.figures.breakdown({ by: query.by, region: query.region }),
      this.tiers.lastComputation(),
    ]);
    return {
      by: query.by,
      rows: rows.map((r) => ({ key: r.key, tiers: { hnw: r.hnw, middle: r.middle, basic: r.basic }, total: r.total })),
      total: rows.reduce((n, r) => n + r.total, 0),
      ruleVersion: computation?.ruleVersion ?? null,
    };
  }

  async migration(query: TierMigrationQuery): Promise<TierMigrationResponse> {
    const rows = await this.figures.migration(query);
    const found = new Map(rows.map((r) => [`${r.fromTier}>${r.toTier}`, r.customers]));
    const cells = MIGRATION_FROM_TIERS.flatMap((from) => TIERS.map((to) => ({ from, to, customers: found.get(`${from}>${to}`) ?? 0 })));
    const totals = { customers: 0, new: 0, unchanged: 0, upgraded: 0, downgraded: 0 };
    for (const cell of cells) {
      totals.customers += cell.customers;
      if (cell.from === 'new') totals.new += cell.customers;
      else if (cell.from === cell.to) totals.unchanged += cell.customers;
      else if (RANK[cell.to] > RANK[cell.from]) totals.upgraded += cell.customers;
      else totals.downgraded += cell.customers;
    }
    return { from: query.from, to: query.to, cells, totals };
  }

  async penetration(query: PenetrationQuery): Promise<PenetrationResponse> {
    const at = query.at ?? (await this.figures.today());
    const rows = await this.figures.penetration({ at, region: query.region, branchCode: query.branchCode });
    const byTier = new Map(rows.map((r) => [r.tier, r]));
    const tiers = TIERS.map((tier) => {
      const { customers = 0, insured = 0 } = byTier.get(tier) ?? {};
      return { tier, customers, insured, penetration: shareOf(insured, customers) };
    });
    const customers = tiers.reduce((n, t) => n + t.customers, 0);
    const insured = tiers.reduce((n, t) => n + t.insured, 0);
    return { at, tiers, total: { customers, insured, penetration: shareOf(insured, customers) } };
  }

  async completeness(query: CompletenessQuery): Promise<CompletenessResponse> {
    const rows = await this.figures.completeness(query);
    return {
      overall: completenessGroup(rows),
      tiers: TIERS.map((tier) => ({ tier, ...completenessGroup(rows.filter((r) => r.tier === tier)) })),
    };
  }

  async consent(query: ConsentQuery): Promise<ConsentResponse> {
    const rows = await this.figures.consent(query);
    const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + pick(r), 0);
    const excluded = (r: (typeof rows)[number]) => r.dataSharingRefused + r.dataSharingUnknown;
    return {
      customers: sum((r) => r.customers),
      dataSharing: { granted: sum((r) => r.dataSharingGranted), refused: sum((r) => r.dataSharingRefused), unknown: sum((r) => r.dataSharingUnknown) },
      marketing: { granted: sum((r) => r.marketingGranted), refused: sum((r) => r.marketingRefused), unknown: sum((r) => r.marketingUnknown) },
      excludedFromCrossPartnerUse: sum(excluded),
      tiers: TIERS.map((tier) => {
        const row = rows.find((r) => r.tier === tier);
        return { tier, customers: row?.customers ?? 0, excludedFromCrossPartnerUse: row ? excluded(row) : 0 };
      }),
    };
  }
}

function completenessGroup(rows: CompletenessRow[]): CompletenessGroup {
  const customers = rows.reduce((n, r) => n + r.customers, 0);
  const missing = {} as CompletenessGroup['missing'];
  const shares = {} as CompletenessGroup['shares'];
  for (const field of COMPLETENESS_FIELDS) {
    missing[field] = rows.reduce((n, r) => n + r[field], 0);
    shares[field] = shareOf(missing[field], customers);
  }
  return { customers, missing, shares };
}
