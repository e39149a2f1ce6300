import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';

/**
 * The holdout split: a customer's bucket in [0, 1) is the first 32 bits of md5("<campaign>:<customer>")
 * over 2^32, and they are held out iff bucket < holdout share. Deterministic per (campaign, customer), so
 * a re-launch gives the same arms; independent across campaigns. The SQL below computes the same number
 * (float8 division of an integer by a power of two is exact in both), so the arms can be checked in code.
 */

const TWO_POW_32 = 4_294_967_296;

/** The bucket in [0, 1) of a customer (pseudonym) in a campaign; treatment iff bucket ≥ holdout share. */
export function holdoutBucket(campaignCode: string, customerId: string): number {
  const hex = createHash('md5').update(`${campaignCode}:${customerId}`, 'utf8').digest('hex');
  return Number.parseInt(hex.slice(0, 8), 16) / TWO_POW_32;
}

/** The arm `holdoutBucket` puts a customer in. */
export function holdoutArm(campaignCode: string, customerId: string, holdoutShare: number): 'treatment' | 'holdout' {
  return holdoutBucket(campaignCode, customerId) < holdoutShare ? 'holdout' : 'treatment';
}

/** `holdoutBucket` in SQL over a campaign code and a customer_id expression (float8). */
export function holdoutBucketSql(campaignCode: SQL, customerId: SQL): SQL {
  return sql`(('x' || substr(md5(${campaignCode} || ':' || ${customerId}), 1, 8))::bit(32)::bigint::float8 / 4294967296.0::float8)`;
}
