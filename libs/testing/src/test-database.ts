import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { loadConfig, type DatabaseConfig } from '@banca/config';
import { createDatabase, type DatabaseHandle } from '@banca/db';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Unique per `vitest run`: names its template and test databases so concurrent runs never collide. */
    bancaTestRun: string;
  }
}

/** The migrated template database global setup builds once per run (PostgreSQL only). */
export const templateDatabaseName = (run: string) => `banca_tpl_${run}`;
/** Prefix of the databases test files of one run create. */
export const testDatabasePrefix = (run: string) => `banca_t_${run}_`;

/** The runtime the integration suite runs on: PostgreSQL when DATABASE_URL is set, else PGlite. */
export function suiteDatabaseConfig(): DatabaseConfig {
  return loadConfig({ ...process.env, BANCA_PSEUDONYM_KEY: 'ab'.repeat(32) }).database;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A fresh, migrated, empty database for one test file: a copy of the template on PostgreSQL,
 * an in-memory PGlite otherwise. Drop it with `handle.close()` then `dropTestDatabase`.
 */
export async function createTestDatabaseConfig(): Promise<DatabaseConfig> {
  const suite = suiteDatabaseConfig();
  if (suite.kind === 'pglite') return { kind: 'pglite', dataDir: 'memory' };
  const run = inject('bancaTestRun');
  const name = `${testDatabasePrefix(run)}${randomBytes(6).toString('hex')}`;
  const admin = postgres(suite.url, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${templateDatabaseName(run)}`);
  } finally {
    await admin.end();
  }
  return { kind: 'postgres', url: withDatabase(suite.url, name) };
}

export async function dropTestDatabase(config: DatabaseConfig): Promise<void> {
  if (config.kind !== 'postgres') return;
  const suite = suiteDatabaseConfig();
  if (suite.kind !== 'postgres') return;
  const name = new URL(config.url).pathname.slice(1);
  const admin = postgres(suite.url, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export interface TestDatabase {
  config: DatabaseConfig;
  handle: DatabaseHandle;
  dispose(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const config = await createTestDatabaseConfig();
  const handle = await createDatabase(config);
  await handle.migrate();
  return {
    config,
    handle,
    async dispose() {
      await handle.close();
      await dropTestDatabase(config);
    },
  };
}
