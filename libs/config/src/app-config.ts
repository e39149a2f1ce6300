import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { isAbsolute, join, resolve } from 'node:path';
import { envSchema } from './config.schema';

export type DatabaseConfig =
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir: string };

/** prefix: BullMQ key prefix, so several deployments (or test runs) can share one Redis. */
export type QueueConfig = { kind: 'bullmq'; redisUrl: string; prefix: string } | { kind: 'in-process' };

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  queue: QueueConfig;
  /** HMAC key for customer identifiers (DATA.md). Never logged. */
  pseudonymKey: Buffer;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sessionTtlHours: number;
  /** Load demo users and data at start-up (default: only on the embedded database). */
  demo: boolean;
  /** Whether the api process also runs job handlers (default: only with the in-process queue). */
  runJobsInApi: boolean;
  /** Folder where uploaded files wait for their ingestion job; shared by api and workers. */
  spoolDir: string;
  /** An ingestion run whose share of rejected rows exceeds this fails as a whole (0–1). */
  ingestMaxRejectShare: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses and validates the environment once. A wrong value throws a ConfigError naming the variable;
 * callers at process start print it and exit.
 */
export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        const given = cleaned[name];
        const shown = given === undefined ? 'missing' : name.includes('KEY') ? 'given' : `got "${given}"`;
        return `${name}: ${issue.message} (${shown})`;
      }),
    );
  }
  const env = parsed.data;
  const dataDir = isAbsolute(env.BANCA_DATA_DIR) ? env.BANCA_DATA_DIR : resolve(env.BANCA_DATA_DIR);
  const database: DatabaseConfig = env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL }
    : { kind: 'pglite', dataDir: join(dataDir, 'pg') };
  const queue: QueueConfig = env.REDIS_URL ? { kind: 'bullmq', redisUrl: env.REDIS_URL, prefix: env.BANCA_QUEUE_PREFIX } : { kind: 'in-process' };
  const pseudonymKey = env.BANCA_PSEUDONYM_KEY
    ? Buffer.from(env.BANCA_PSEUDONYM_KEY, 'hex')
    : embeddedPseudonymKey(dataDir);
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    dataDir,
    database,
    queue,
    pseudonymKey,
    logLevel: env.BANCA_LOG_LEVEL,
    sessionTtlHours: env.BANCA_SESSION_TTL_HOURS,
    demo: env.BANCA_DEMO === 'auto' ? database.kind === 'pglite' : env.BANCA_DEMO === 'on',
    runJobsInApi: env.BANCA_RUN_JOBS_IN_API === 'auto' ? queue.kind === 'in-process' : env.BANCA_RUN_JOBS_IN_API === 'true',
    spoolDir: join(dataDir, 'spool'),
    ingestMaxRejectShare: env.BANCA_INGEST_MAX_REJECT_SHARE,
  };
}

/** On the embedded runtime the key is generated once and kept in the data folder (mode 0600). */
function embeddedPseudonymKey(dataDir: string): Buffer {
  const file = join(dataDir, 'pseudonym.key');
  if (existsSync(file)) {
    const hex = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-fA-F]{64,}$/.test(hex)) {
      throw new ConfigError([`${file}: not a hex key of at least 32 bytes; restore it or set BANCA_PSEUDONYM_KEY`]);
    }
    return Buffer.from(hex, 'hex');
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600 });
  return key;
}
