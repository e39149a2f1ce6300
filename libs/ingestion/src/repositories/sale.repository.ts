import { Injectable } from '@nestjs/common';
import type { Transaction } from '@banca/db';
import type { EntityMerger, MergeCounts, MergeParams } from '../entities/entity-merger';
import { otherFields, upsertFromStaging } from './staged-upsert';

/** Writes sales; the only code that does. A sale_id re-sent with another customer moves to that customer. */
@Injectable()
export class SaleRepository implements EntityMerger {
  readonly entity = 'sales' as const;

  merge(tx: Transaction, params: MergeParams): Promise<MergeCounts> {
    return upsertFromStaging(tx, {
      ...params,
      spec: {
        table: 'sales',
        conflict: ['customer_id', 'sale_id'],
        match: ['sale_id'],
        attributes: otherFields(params.definition, ['customer_id', 'sale_id']),
        sourceRunId: true,
        updatedAt: true,
      },
    });
  }
}
