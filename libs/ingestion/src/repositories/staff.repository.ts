import { Injectable } from '@nestjs/common';
import type { Transaction } from '@banca/db';
import type { EntityMerger, MergeCounts, MergeParams } from '../entities/entity-merger';
import { otherFields, upsertFromStaging } from './staged-upsert';

/** Writes staff; the only code that does. */
@Injectable()
export class StaffRepository implements EntityMerger {
  readonly entity = 'staff' as const;

  merge(tx: Transaction, params: MergeParams): Promise<MergeCounts> {
    return upsertFromStaging(tx, {
      ...params,
      spec: {
        table: 'staff',
        conflict: ['staff_code'],
        attributes: otherFields(params.definition, ['staff_code']),
        sourceRunId: false,
        updatedAt: true,
      },
    });
  }
}
