import type { Transaction } from '@banca/db';
import type { IngestionEntity } from '@banca/contracts';
import type { EntityDefinition } from './entity-definition';

export interface MergeCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface MergeParams {
  runId: string;
  /** The run's staging table, deduplicated on the definition's key. */
  stagingTable: string;
  definition: EntityDefinition;
}

/** Moves a run's staged rows into the canonical tables of one entity, set-based, inside the caller's transaction. */
export interface EntityMerger {
  readonly entity: IngestionEntity;
  merge(tx: Transaction, params: MergeParams): Promise<MergeCounts>;
}
