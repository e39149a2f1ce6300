import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig, type AppConfig, type DatabaseConfig } from '@banca/config';

/** A fixed test key: pseudonyms in tests are reproducible. */
export const TEST_PSEUDONYM_KEY_HEX = '5e'.repeat(32);

/**
 * AppConfig for one test: the suite's queue (BullMQ with a unique prefix when REDIS_URL is set),
 * the given database, a temporary data folder.
 */
export function testConfig(database: DatabaseConfig, overrides: Partial<AppConfig> = {}): AppConfig {
  const dataDir = mkdtempSync(join(tmpdir(), 'banca-test-'));
  const base = loadConfig({
    ...process.env,
    DATABASE_URL: undefined,
    BANCA_DATA_DIR: dataDir,
    BANCA_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY_HEX,
    BANCA_QUEUE_PREFIX: `t${randomBytes(5).toString('hex')}`,
    BANCA_DEMO: 'off',
    BANCA_LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  });
  return { ...base, database, ...overrides };
}
