import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { queryRows, type Transaction } from '@banca/db';
import type { EntityMerger, MergeCounts, MergeParams } from '../entities/entity-merger';

/** Product columns written from the latest staged row of each product (risk_level is derived from the ratings). */
const PRODUCT_ATTRIBUTES = ['name', 'provider', 'category', 'premium_mode', 'term_years', 'cooling_off_days', 'fee_rate'];

const ident = (name: string) => sql.identifier(name);
const columns = (alias: string, names: readonly string[]) => sql.join(names.map((n) => sql`${ident(alias)}.${ident(n)}`), sql`, `);

/**
 * Writes products and their risk ratings; the only code that does. Each staged row is one partner's
 * (`provider`'s) rating of the product, kept per partner in product_risk_ratings; the product's own
 * risk_level is the highest rating (RULES.md: a product rated by both partners uses the higher one), its
 * other columns come from the latest row loaded.
 */
@Injectable()
export class ProductRepository implements EntityMerger {
  readonly entity = 'products' as const;

  async merge(tx: Transaction, params: MergeParams): Promise<MergeCounts> {
    const stage = ident(params.stagingTable);
    const staged = sql`(s.risk_level, ${columns('s', PRODUCT_ATTRIBUTES)})`;
    const stored = sql`(r.risk_level, ${columns('p', PRODUCT_ATTRIBUTES)})`;
    const [counts] = await queryRows<{ inserted: number; updated: number; unchanged: number }>(tx, sql`
      SELECT
        count(*) FILTER (WHERE r.product_code IS NULL)::int AS inserted,
        count(*) FILTER (WHERE r.product_code IS NOT NULL AND ${staged} IS DISTINCT FROM ${stored})::int AS updated,
        count(*) FILTER (WHERE r.product_code IS NOT NULL AND ${staged} IS NOT DISTINCT FROM ${stored})::int AS unchanged
      FROM ${stage} s
      LEFT JOIN product_risk_ratings r ON r.product_code = s.product_code AND r.rated_by = s.provider
      LEFT JOIN products p ON p.product_code = s.product_code`);

    await tx.execute(sql`
      INSERT INTO product_risk_ratings (product_code, rated_by, risk_level)
      SELECT s.product_code, s.provider, s.risk_level FROM ${stage} s
      ON CONFLICT (product_code, rated_by) DO UPDATE SET risk_level = EXCLUDED.risk_level
        WHERE product_risk_ratings.risk_level IS DISTINCT FROM EXCLUDED.risk_level`);

    const written = [...PRODUCT_ATTRIBUTES, 'risk_level'];
    await tx.execute(sql`
      INSERT INTO products (product_code, ${sql.join(written.map(ident), sql`, `)})
      SELECT DISTINCT ON (s.product_code) s.product_code, ${columns('s', PRODUCT_ATTRIBUTES)},
        (SELECT max(r.risk_level) FROM product_risk_ratings r WHERE r.product_code = s.product_code)
      FROM ${stage} s
      ORDER BY s.product_code, s.line DESC
      ON CONFLICT (product_code) DO UPDATE
        SET ${sql.join(written.map((c) => sql`${ident(c)} = EXCLUDED.${ident(c)}`), sql`, `)}, updated_at = now()
        WHERE (${columns('products', written)}) IS DISTINCT FROM (${columns('excluded', written)})`);

    return {
      inserted: Number(counts?.inserted ?? 0),
      updated: Number(counts?.updated ?? 0),
      unchanged: Number(counts?.unchanged ?? 0),
    };
  }
}
