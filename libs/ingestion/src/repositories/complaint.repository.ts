import { Injectable } from '@nestjs/common';
import type { Transaction } from '@banca/db';
import type { EntityMerger, MergeCounts, MergeParams } from '../entities/entity-merger';
import { otherFields, upsertFromStaging } from './staged-upsert';

/** Writes complaints; the only code that does. A complaint_id re-sent with another customer moves to that customer. */
@Injectable()
export class ComplaintRepository implements EntityMerger {
  readonly entity = 'complaints' as const;

  merge(tx: Transaction, params: MergeParams): Promise<MergeCounts> {
    return upsertFromStaging(tx, {
      ...params,
      spec: {
        table: 'complaints',
        conflict: ['customer_id', 'complaint_id'],
        match: ['complaint_id'],
        attributes: otherFields(params.definition, ['customer_id', 'complaint_id']),
        sourceRunId: true,
        updatedAt: true,
      },
    });
  }
}
