import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig, DatabaseConfig } from '@banca/config';
import { TEST_PSEUDONYM_KEY_HEX } from './test-config';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

export interface BuiltWorker {
  main: string;
  dispose(): void;
}

/**
 * Compiles the worker with SWC into a folder of its own (inside the repo, so node_modules resolve),
 * so a concurrent build of dist/ cannot interfere with the test.
 */
export function buildWorker(): BuiltWorker {
  mkdirSync(join(REPO_ROOT, '.banca'), { recursive: true });
  const outDir = mkdtempSync(join(REPO_ROOT, '.banca', 'worker-build-'));
  execFileSync(
    join(REPO_ROOT, 'node_modules', '.bin', 'swc'),
    ['apps/worker', 'libs', '-d', outDir, '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '--quiet'],
    { cwd: REPO_ROOT, stdio: 'pipe' },
  );
  cpSync(join(REPO_ROOT, 'libs', 'db', 'migrations'), join(outDir, 'libs', 'db', 'migrations'), { recursive: true });
  return {
    main: join(outDir, 'apps', 'worker', 'src', 'main.js'),
    dispose: () => rmSync(outDir, { recursive: true, force: true }),
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  /** The JSON log lines printed so far. */
  lines: () => Record<string, unknown>[];
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running, then wait for the exit. */
  kill(): Promise<void>;
}

export function startWorker(main: string, env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, [main], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'pipe' });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return {
    child,
    exited,
    stdout: () => out,
    stderr: () => err,
    lines: () =>
      out
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** The environment a worker needs to share the test's database, Redis prefix, data folder and key. */
export function workerEnv(config: AppConfig, database: DatabaseConfig): Record<string, string> {
  if (config.queue.kind !== 'bullmq') throw new Error('a worker process needs the BullMQ queue (REDIS_URL)');
  return {
    NODE_ENV: 'test',
    REDIS_URL: config.queue.redisUrl,
    BANCA_QUEUE_PREFIX: config.queue.prefix,
    BANCA_DATA_DIR: config.dataDir,
    BANCA_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY_HEX,
    BANCA_LOG_LEVEL: 'info',
    ...(database.kind === 'postgres' ? { DATABASE_URL: database.url } : {}),
  };
}
