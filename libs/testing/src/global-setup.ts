import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '@banca/db';
import { suiteDatabaseConfig, templateDatabaseName, testDatabasePrefix, withDatabase } from './test-database';

/**
 * Once per integration run on PostgreSQL: a migrated template database each test file copies. Names carry
 * a run id, so two runs against one server (two developers, or CI next to a developer) never touch each
 * other's databases; teardown drops this run's.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const run = randomBytes(4).toString('hex');
  project.provide('bancaTestRun', run);
  const suite = suiteDatabaseConfig();
  if (suite.kind !== 'postgres') return undefined;
  const admin = () => postgres(suite.url, { max: 1, onnotice: () => undefined });
  const template = templateDatabaseName(run);
  const sql = admin();
  try {
    await sql.unsafe(`CREATE DATABASE ${template}`);
  } finally {
    await sql.end();
  }
  const handle = await createDatabase({ kind: 'postgres', url: withDatabase(suite.url, template) });
  try {
    await handle.migrate();
  } finally {
    await handle.close();
  }
  return async () => {
    const cleanup = admin();
    try {
      const mine = await cleanup<{ datname: string }[]>`
        select datname from pg_database where datname like ${testDatabasePrefix(run) + '%'} or datname = ${template}`;
      for (const { datname } of mine) await cleanup.unsafe(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    } finally {
      await cleanup.end();
    }
  };
}
