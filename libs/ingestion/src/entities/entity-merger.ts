import type { Transaction } from '@banca/db';
import type { IngestionEntity } from '@banca/contracts';
import type { EntityDefinition } from './entity-definition';

export interface MergeCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Staged rows the merge refused (recorded as rejects of the run), e.g. an import colliding with a platform campaign. */
  rejected?: number;
  /** What the merge counted that the run should say, in words. */
  notes?: string[];
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
