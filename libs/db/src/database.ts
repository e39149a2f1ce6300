import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { DatabaseConfig } from '@banca/config';
import * as schema from './schema';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';

export type Schema = typeof schema;
/** The one drizzle database type features see, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handed to a `db.transaction` callback. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface CopyFromParams {
  /** Table to copy into (quoted identifier chosen by the caller, never user input). */
  table: string;
  columns: readonly string[];
  /** CSV text (RFC 4180, no header) in chunks; each chunk ends at a row boundary. */
  csv: AsyncIterable<string>;
}

/** The database with what drizzle does not cover: bulk COPY, health and lifecycle. */
export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: DatabaseConfig['kind'];
  /** Bulk-loads CSV rows with COPY; memory stays bounded by the chunk size. */
  copyFrom(params: CopyFromParams): Promise<void>;
  /** Runs a query and returns its rows (for set-based SQL built with drizzle's `sql`). */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
  ping(): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const MIGRATION_LOCK_ID = 7_243_001;

export const MIGRATIONS_FOLDER = join(__dirname, '..', 'migrations');

/** Rows of a query result from either driver (postgres.js returns an array, PGlite `{ rows }`). */
function resultRows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

function copyStatement({ table, columns }: Pick<CopyFromParams, 'table' | 'columns'>, source: string): string {
  const cols = columns.map((c) => `"${c}"`).join(', ');
  return `COPY ${table} (${cols}) FROM ${source} WITH (FORMAT csv)`;
}

export async function createDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  return config.kind === 'postgres' ? createPostgres(config.url) : createPglite(config.dataDir);
}

function createPostgres(url: string): DatabaseHandle {
  const client = postgres(url, { max: 10, onnotice: () => undefined, connection: { application_name: 'banca' } });
  const db = drizzlePostgres(client, { schema }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    async copyFrom(params) {
      const writable = await client.unsafe(copyStatement(params, 'STDIN')).writable();
      await pipeline(Readable.from(params.csv), writable);
    },
    async rows<T extends Record<string, unknown>>(query: SQL) {
      return resultRows<T>(await db.execute(query));
    },
    async ping() {
      await client`select 1`;
    },
    async migrate() {
      // api and workers start together: a session advisory lock on a one-connection client serialises
      // them, and ending that client releases the lock even if a migration fails.
      const migrator = postgres(url, { max: 1, onnotice: () => undefined });
      try {
        await migrator`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
        await migratePostgres(drizzlePostgres(migrator), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await migrator.end({ timeout: 5 });
      }
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

/** PGlite reads COPY input from a Blob, so chunks are grouped into blobs of about this size. */
const PGLITE_COPY_BYTES = 8 * 1024 * 1024;

async function createPglite(dataDir: string | 'memory'): Promise<DatabaseHandle> {
  let lock: DataDirLock | undefined;
  let client: PGlite;
  if (dataDir === 'memory') {
    client = new PGlite();
  } else {
    mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir);
    client = new PGlite(dataDir);
  }
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  const copyBlob = (params: CopyFromParams, parts: string[]) =>
    client.query(copyStatement(params, `'/dev/blob'`), [], { blob: new Blob(parts) });
  return {
    db,
    kind: 'pglite',
    async copyFrom(params) {
      let parts: string[] = [];
      let size = 0;
      for await (const chunk of params.csv) {
        parts.push(chunk);
        size += chunk.length;
        if (size >= PGLITE_COPY_BYTES) {
          await copyBlob(params, parts);
          parts = [];
          size = 0;
        }
      }
      if (parts.length > 0) await copyBlob(params, parts);
    },
    async rows<T extends Record<string, unknown>>(query: SQL) {
      return resultRows<T>(await db.execute(query));
    },
    async ping() {
      await client.query('select 1');
    },
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_FOLDER });
    },
    async close() {
      await client.close();
      lock?.release();
    },
  };
}

export { sql };
