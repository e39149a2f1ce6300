import type { SQL } from 'drizzle-orm';
import type { Database } from './database';

/**
 * Runs hand-written SQL on a database or a transaction and returns its rows, whichever driver is
 * underneath (postgres.js answers with an array, PGlite with `{ rows }`).
 */
export async function queryRows<T extends Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
