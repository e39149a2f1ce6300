import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..', '..');
const API_MAIN = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
const CLI_MAIN = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');

const newDataDir = () => mkdtempSync(join(tmpdir(), 'banca-main-'));

/** Only what the process needs: the suite's DATABASE_URL/REDIS_URL must not leak into these runs. */
function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, BANCA_DATA_DIR: newDataDir(), ...extra };
}

function runToExit(main: string, args: string[], env: Record<string, string>, input?: string) {
  return spawnSync(process.execPath, [main, ...args], { cwd: tmpdir(), env: baseEnv(env), encoding: 'utf8', timeout: 60_000, input });
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

interface RunningApi {
  child: ChildProcess;
  base: string;
  output(): string;
  stop(): Promise<{ code: number | null; signal: string | null }>;
}

async function startApi(env: Record<string, string>): Promise<RunningApi> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: tmpdir(),
    env: baseEnv({ PORT: String(port), HOST: '127.0.0.1', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  await waitFor(() => output.includes('listening on') || child.exitCode !== null, 60_000, 'the api to listen');
  if (child.exitCode !== null) throw new Error(`the api exited with ${child.exitCode}:\n${output}`);
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    output: () => output,
    stop() {
      const exited = new Promise<{ code: number | null; signal: string | null }>((done) =>
        child.once('exit', (code, signal) => done({ code, signal })),
      );
      child.kill('SIGTERM');
      return exited;
    },
  };
}

const login = (base: string, username: string, password: string, requestId = 'e2e-login') =>
  fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId },
    body: JSON.stringify({ username, password }),
  });

describe('the built processes (npm run build:server, then node dist/apps/.../main.js)', () => {
  beforeAll(() => {
    execFileSync('npm', ['run', 'build:server'], { cwd: ROOT, stdio: 'pipe' });
  }, 120_000);

  describe('api: refuses a wrong configuration with a message naming the variable', () => {
    it('names PORT when it is not a number', () => {
      const result = runToExit(API_MAIN, [], { PORT: 'notaport' });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('PORT');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });

    it('names BANCA_PSEUDONYM_KEY when DATABASE_URL is set without it', () => {
      const result = runToExit(API_MAIN, [], { DATABASE_URL: 'postgres://banca@127.0.0.1:1/banca' });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('BANCA_PSEUDONYM_KEY');
    });
  });

  describe('api on the embedded runtime with demo data', () => {
    let api: RunningApi;
    const dataDir = newDataDir();

    beforeAll(async () => {
      api = await startApi({ BANCA_DATA_DIR: dataDir, BANCA_DEMO: 'on', BANCA_LOG_LEVEL: 'info' });
    }, 90_000);
    afterAll(() => {
      if (api?.child.exitCode === null) api.child.kill('SIGKILL');
    });

    it('prints the demo users once with a warning; they sign in; logs are JSON with the request id and no secrets', async () => {
      const stdout = api.output();
      expect(stdout).toContain('DEMO ONLY');
      expect(existsSync(join(dataDir, 'pg', 'banca.pid'))).toBe(true);
      const password = /^ marketing\s+password: (\S+)/m.exec(stdout)?.[1] ?? '';
      expect(password).not.toBe('');
      const response = await login(api.base, 'marketing', password, 'e2e-login-1');
      expect(response.status).toBe(200);
      const { token } = (await response.json()) as { token: string };
      const me = await fetch(`${api.base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}`, 'x-request-id': 'e2e-me-1' } });
      expect(me.status).toBe(200);
      expect((await fetch(`${api.base}/api/v1/health/ready`)).status).toBe(200);

      await waitFor(() => api.output().includes('e2e-me-1'), 5_000, 'the request log line');
      const log = api.output();
      const ofRequests = log
        .split('\n')
        .filter((l) => l.startsWith('{') && l.includes('e2e-'))
        .map((l) => JSON.parse(l) as { requestId?: unknown });
      expect(ofRequests.length).toBeGreaterThanOrEqual(2);
      for (const line of ofRequests) expect(line.requestId).toMatch(/^e2e-(login|me)-1$/);
      expect(log).not.toContain(token);
      expect(log.split(password).length).toBe(2); // only in the printed demo block
      expect(log).toContain('"authorization":"[redacted]"');
    });

    it('shuts down gracefully on SIGTERM: closes the database and releases its lock', async () => {
      // Nest closes the application, then re-raises the signal so the exit reports it.
      expect(await api.stop()).toEqual({ code: null, signal: 'SIGTERM' });
      expect(existsSync(join(dataDir, 'pg', 'banca.pid'))).toBe(false);
    }, 60_000);
  });

  describe('cli: banca users create, then sign in to the api', () => {
    const dataDir = newDataDir();
    const env = { BANCA_DATA_DIR: dataDir };

    it('creates users (generated or piped password) that can sign in over HTTP', async () => {
      const created = runToExit(CLI_MAIN, ['users', 'create', '--username', 'olga', '--role', 'manager'], env);
      expect(created.stderr).toBe('');
      expect(created.status).toBe(0);
      const password = /Password \(shown once, store it now\): (\S+)/.exec(created.stdout)?.[1] ?? '';
      expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
      const piped = runToExit(CLI_MAIN, ['users', 'create', '--username', 'pia', '--role', 'admin', '--password-stdin'], env, 'pia passphrase 2025\n');
      expect(piped.status).toBe(0);

      const api = await startApi({ ...env, BANCA_DEMO: 'off' });
      try {
        expect((await login(api.base, 'olga', password)).status).toBe(200);
        expect((await login(api.base, 'pia', 'pia passphrase 2025')).status).toBe(200);
        expect(api.output()).not.toContain('DEMO USERS');
      } finally {
        await api.stop();
      }
    }, 120_000);

    it('exits 2 on a refusal and 1 on a configuration error, with the message and no stack', () => {
      const duplicate = runToExit(CLI_MAIN, ['users', 'create', '--username', 'olga', '--role', 'admin'], env);
      expect(duplicate.status).toBe(2);
      expect(duplicate.stderr).toBe('Error: A user named "olga" exists already\n');
      const config = runToExit(CLI_MAIN, ['users', 'list'], { ...env, BANCA_LOG_LEVEL: 'loud' });
      expect(config.status).toBe(1);
      expect(config.stderr).toContain('BANCA_LOG_LEVEL');
      expect(config.stderr).not.toMatch(/\n\s+at /);
    });
  });
});
