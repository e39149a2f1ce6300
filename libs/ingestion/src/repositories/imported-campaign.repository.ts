import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { queryRows, type Transaction } from '@banca/db';
import type { EntityMerger, MergeCounts, MergeParams } from '../entities/entity-merger';
import { upsertFromStaging } from './staged-upsert';

const PLATFORM_CODE_REASON = 'a campaign planned in the platform has this code; an import does not overwrite it';

/**
 * Writes campaigns imported from files (origin `imported`); the only code that does. An import never
 * touches a campaign planned in the platform: rows with such a code are rejected. The status follows the
 * dates (completed, running or scheduled as of today), since an imported campaign is never launched here.
 */
@Injectable()
export class ImportedCampaignRepository implements EntityMerger {
  readonly entity = 'campaigns' as const;

  async merge(tx: Transaction, params: MergeParams): Promise<MergeCounts> {
    const stage = sql.identifier(params.stagingTable);
    const [refused] = await queryRows<{ n: number }>(tx, sql`
      WITH removed AS (
        DELETE FROM ${stage} s USING campaigns c
        WHERE c.campaign_code = s.campaign_code AND c.origin <> 'imported'
        RETURNING s.line, s.campaign_code
      ), logged AS (
        INSERT INTO ingestion_rejects (run_id, line, field, value, reason)
        SELECT ${params.runId}::uuid, line, 'campaign_code', left(campaign_code, 100), ${PLATFORM_CODE_REASON} FROM removed
        ON CONFLICT DO NOTHING
      )
      SELECT count(*)::int AS n FROM removed`);

    const list = (column: string) => sql`COALESCE(string_to_array(s.${sql.identifier(column)}, ';'), '{}'::text[])`;
    const counts = await upsertFromStaging(tx, {
      ...params,
      spec: {
        table: 'campaigns',
        conflict: ['campaign_code'],
        attributes: [
          { name: 'name' },
          { name: 'start_date' },
          { name: 'end_date' },
          { name: 'product_codes', from: list('product_codes') },
          { name: 'channels', from: list('channels') },
          { name: 'budget' },
          { name: 'holdout_share' },
          { name: 'origin', from: sql`'imported'::text` },
          {
            name: 'status',
            from: sql`CASE WHEN s.end_date < current_date THEN 'completed'
              WHEN s.start_date > current_date THEN 'scheduled' ELSE 'running' END::text`,
          },
        ],
        sourceRunId: false,
        updatedAt: true,
      },
    });
    return { ...counts, rejected: Number(refused?.n ?? 0) };
  }
}
