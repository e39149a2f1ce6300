import { Injectable } from '@nestjs/common';
import type { Transaction } from '@banca/db';
import type { EntityMerger, MergeCounts, MergeParams } from '../entities/entity-merger';
import { otherFields, upsertFromStaging } from './staged-upsert';

/** Writes branches; the only code that does. */
@Injectable()
export class BranchRepository implements EntityMerger {
  readonly entity = 'branches' as const;

  merge(tx: Transaction, params: MergeParams): Promise<MergeCounts> {
    return upsertFromStaging(tx, {
      ...params,
      spec: {
        table: 'branches',
        conflict: ['branch_code'],
        attributes: otherFields(params.definition, ['branch_code']),
        sourceRunId: false,
        updatedAt: true,
      },
    });
  }
}
