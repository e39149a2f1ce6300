import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const API_MAIN = join(REPO, 'dist/apps/api/src/main.js');
const CLI_MAIN = join(REPO, 'dist/apps/cli/src/main.js');
const DASHBOARDS_INDEX = join(REPO, 'dist/dashboards/index.html');

/** The real platform from the build: the api serving the built dashboards, on a throw-away data folder. */
export interface Platform {
  baseUrl: string;
  dataDir: string;
  stop: () => Promise<void>;
}

export function assertBuilt(): void {
  const missing = [API_MAIN, CLI_MAIN, DASHBOARDS_INDEX].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`Build output missing (${missing.join(', ')}): run \`npm run build\` before the browser tests.`);
  }
}

export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'banca-e2e-'));
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

// Not inherited from the shell: the browser tests always run the embedded runtime (PGlite, in-process
// jobs), whatever DATABASE_URL or REDIS_URL the developer or CI has set for other suites.
function baseEnv(dataDir: string): Record<string, string> {
  return { BANCA_DATA_DIR: dataDir, BANCA_LOG_LEVEL: 'warn' };
}

/** Runs the CLI against the data folder; must happen before the api starts (the embedded database is single-process). */
export function createUser(dataDir: string, user: { username: string; role: string; password: string }): void {
  const result = spawnSync(
    process.execPath,
    [CLI_MAIN, 'users', 'create', '--username', user.username, '--role', user.role, '--password-stdin'],
    { cwd: REPO, env: baseEnv(dataDir), input: `${user.password}\n`, encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) {
    throw new Error(`banca users create exited with ${result.status ?? result.signal}:\n${result.stdout}\n${result.stderr}`);
  }
}

export async function startPlatform(dataDir: string, env: Record<string, string> = {}): Promise<Platform> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [API_MAIN], {
    cwd: REPO,
    env: { ...baseEnv(dataDir), PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`api exited with ${child.exitCode} before it was ready:\n${output.join('')}`);
    }
    const ready = await fetch(`${baseUrl}/api/v1/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { baseUrl, dataDir, stop };
    await new Promise((wait) => setTimeout(wait, 500));
  }
  await stop();
  throw new Error(`api not ready at ${baseUrl}/api/v1/health/ready after 150 s:\n${output.join('')}`);
}

/** The codes of a connection dropped under a request (fetch fails with the socket error as its cause). */
const DROPPED_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

function isDroppedConnection(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' && DROPPED_CONNECTION.has(cause.code);
}

/**
 * Polls until `check` returns a value, for state the platform reaches asynchronously (demo data loading).
 * `undefined` means "not yet"; an error ends the wait at once, as a broken endpoint will not heal — except
 * a dropped connection, which is asked again: while the demo loads, PGlite holds the api's event loop for
 * seconds at a time, and a kept-alive socket the api closes on its late timer can meet the next request.
 */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    let value: T | undefined;
    try {
      value = await check();
    } catch (error) {
      if (!isDroppedConnection(error)) throw error;
    }
    if (value !== undefined) return value;
    await new Promise((wait) => setTimeout(wait, 500));
  }
  throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}
