import { Injectable } from '@nestjs/common';
import type { ConversionQuery, ConversionResponse } from '@banca/contracts';
import {
  CAMPAIGN_AGE_BANDS,
  conversionFigure,
  NotFoundError,
  PREVIOUS_OUTCOMES,
  ValidationError,
  type AudienceGroup,
  type ConversionDimension,
} from '@banca/domain';
import { ConversionRepository, type ConversionCountRow } from './conversion.repository';

type Arms = ConversionResponse['total'];

/** Dimensions whose values are listed in this order, zeros included; other values follow by size. */
const ORDERED_KEYS: Partial<Record<ConversionDimension, readonly string[]>> = {
  age_band: CAMPAIGN_AGE_BANDS,
  previous_outcome: PREVIOUS_OUTCOMES,
};

function arms(rows: readonly ConversionCountRow[]): Arms {
  const sum = (arm: AudienceGroup) => {
    const mine = rows.filter((r) => r.arm === arm);
    return conversionFigure(
      mine.reduce((n, r) => n + r.converted, 0),
      mine.reduce((n, r) => n + r.customers, 0),
    );
  };
  return { treatment: sum('treatment'), holdout: sum('holdout') };
}

/** Conversion figures of campaigns (DATA.md metric definitions), overall and by one dimension. */
@Injectable()
export class ConversionService {
  constructor(private readonly repository: ConversionRepository) {}

  /** Conversion of a campaign's audience per arm, overall and per value of `by`. */
  async conversion(campaignCode: string, query: ConversionQuery): Promise<ConversionResponse> {
    const campaign = await this.repository.findCampaign(campaignCode);
    if (!campaign) throw new NotFoundError(`Campaign ${campaignCode} not found`, { campaignCode });
    let previousCampaign: string | null = null;
    if (query.by === 'previous_outcome') {
      const code = query.previousCampaign;
      if (code === undefined) throw new ValidationError('by=previous_outcome needs the code of the earlier campaign', { field: 'previousCampaign' });
      if (code === campaign.code) throw new ValidationError('must be another campaign than the one measured', { field: 'previousCampaign' });
      if (!(await this.repository.findCampaign(code))) throw new NotFoundError(`Campaign ${code} not found`, { campaignCode: code });
      previousCampaign = code;
    }
    const rows = await this.repository.countConversions({
      campaignCode: campaign.code,
      origin: campaign.origin,
      by: query.by,
      previousCampaignCode: previousCampaign ?? undefined,
    });
    const total = arms(rows);
    return {
      campaign,
      by: query.by,
      previousCampaign,
      groups: query.by === 'none' ? [] : groups(rows, ORDERED_KEYS[query.by]),
      total,
      hasHoldout: total.holdout.customers > 0,
    };
  }
}

function groups(rows: readonly ConversionCountRow[], orderedKeys: readonly string[] | undefined): ConversionResponse['groups'] {
  const byKey = new Map<string | null, ConversionCountRow[]>();
  for (const key of orderedKeys ?? []) byKey.set(key, []);
  for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
  const listed = [...byKey.entries()].map(([key, keyRows]) => ({ key, ...arms(keyRows) }));
  const size = (g: (typeof listed)[number]) => g.treatment.customers + g.holdout.customers;
  const rank = (key: string | null) => {
    const index = orderedKeys?.indexOf(key ?? '') ?? -1;
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  // Fixed values in their order; others largest first; no value (null) last.
  return listed.sort(
    (a, b) =>
      Number(a.key === null) - Number(b.key === null) ||
      rank(a.key) - rank(b.key) ||
      size(b) - size(a) ||
      String(a.key).localeCompare(String(b.key)),
  );
}
