import { Injectable } from '@nestjs/common';
import type { Transaction } from '@banca/db';
import type { EntityMerger, MergeCounts, MergeParams } from '../entities/entity-merger';
import { otherFields, upsertFromStaging } from './staged-upsert';

/** Writes campaign events; the only code that does. */
@Injectable()
export class CampaignEventRepository implements EntityMerger {
  readonly entity = 'campaign_events' as const;

  merge(tx: Transaction, params: MergeParams): Promise<MergeCounts> {
    return upsertFromStaging(tx, {
      ...params,
      spec: {
        table: 'campaign_events',
        conflict: ['customer_id', 'campaign_code', 'event', 'occurred_at'],
        attributes: otherFields(params.definition, ['customer_id', 'campaign_code', 'event', 'occurred_at']),
        sourceRunId: true,
        updatedAt: false,
      },
    });
  }
}
