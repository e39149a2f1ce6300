import postgres from 'postgres';
import { createDatabase } from '@banca/db';
import { suiteDatabaseConfig, TEMPLATE_DATABASE, withDatabase } from './test-database';

/** Once per integration run on PostgreSQL: a migrated template database each test file copies. */
export default async function setup(): Promise<void> {
  const suite = suiteDatabaseConfig();
  if (suite.kind !== 'postgres') return;
  const admin = postgres(suite.url, { max: 1, onnotice: () => undefined });
  try {
    const stale = await admin<{ datname: string }[]>`select datname from pg_database where datname like 'banca_t_%'`;
    for (const { datname } of stale) await admin.unsafe(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.unsafe(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const handle = await createDatabase({ kind: 'postgres', url: withDatabase(suite.url, TEMPLATE_DATABASE) });
  try {
    await handle.migrate();
  } finally {
    await handle.close();
  }
}
