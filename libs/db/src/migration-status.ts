import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_FOLDER, type DatabaseHandle } from './database';

export interface MigrationEntry {
  tag: string;
  /** drizzle's folder timestamp: also the `created_at` it records for an applied migration. */
  when: number;
}

/** The migrations shipped with this build, oldest first. */
export function shippedMigrations(): MigrationEntry[] {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries.map(({ tag, when }) => ({ tag, when }));
}

/** Tags of the shipped migrations the database has applied (drizzle applies everything up to its last one). */
export async function appliedMigrations(handle: DatabaseHandle): Promise<string[]> {
  const [table] = await handle.rows<{ name: string | null }>(sql`select to_regclass('drizzle.__drizzle_migrations')::text as name`);
  if (!table?.name) return [];
  const [last] = await handle.rows<{ at: string | null }>(sql`select max(created_at)::text as at from drizzle.__drizzle_migrations`);
  const lastAt = last?.at ? Number(last.at) : -1;
  return shippedMigrations()
    .filter((m) => m.when <= lastAt)
    .map((m) => m.tag);
}
