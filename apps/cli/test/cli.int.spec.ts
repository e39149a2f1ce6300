import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthService } from '@banca/auth';
import { ConfigError, type AppConfig, type DatabaseConfig } from '@banca/config';
import { UnauthenticatedError, type Actor } from '@banca/domain';
import { clearTestQueues, createTestDatabase, suiteDatabaseConfig, testConfig, type TestDatabase } from '@banca/testing';
import { CliModule } from '../src/cli.module';
import { EXIT_CONFIG, EXIT_DOMAIN, runCli } from '../src/cli.program';

interface Run {
  code: number;
  out: string;
  err: string;
}

describe('the banca command', () => {
  let config: AppConfig;
  let postgres: TestDatabase | undefined;

  beforeAll(async () => {
    // Each command opens and closes the database, as separate processes would: on PGlite a data folder.
    let database: DatabaseConfig;
    if (suiteDatabaseConfig().kind === 'postgres') {
      postgres = await createTestDatabase();
      database = postgres.config;
    } else {
      database = { kind: 'pglite', dataDir: join(mkdtempSync(join(tmpdir(), 'banca-cli-')), 'pg') };
    }
    config = testConfig(database);
  });
  afterAll(async () => {
    await postgres?.dispose();
    if (config) await clearTestQueues(config);
  });

  async function banca(args: string[], options: { stdin?: string; loadConfig?: () => AppConfig } = {}): Promise<Run> {
    let out = '';
    let err = '';
    const code = await runCli(['node', 'banca', ...args], {
      io: {
        out: (text) => (out += text),
        err: (text) => (err += text),
        readStdin: async () => options.stdin ?? '',
      },
      loadConfig: options.loadConfig ?? (() => config),
    });
    return { code, out, err };
  }

  /** The platform as another process (the api) sees the database afterwards: the login behind POST /auth/login. */
  async function withPlatform<T>(fn: (auth: AuthService) => Promise<T>): Promise<T> {
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: false, abortOnError: false });
    try {
      return await fn(app.get(AuthService));
    } finally {
      await app.close();
    }
  }

  const login = (username: string, password: string): Promise<Actor | 'refused'> =>
    withPlatform(async (auth) => {
      try {
        const session = await auth.login({ username, password });
        return await auth.authenticate(session.token);
      } catch (error) {
        if (error instanceof UnauthenticatedError) return 'refused';
        throw error;
      }
    });

  it('migrate applies the migrations, then reports the database up to date', async () => {
    const first = await banca(['migrate']);
    expect(first.code).toBe(0);
    if (postgres) expect(first.out).toMatch(/up to date/); // the test database is a copy of a migrated template
    else expect(first.out).toMatch(/applied 0000_init\napplied 0001_audit_append_only\n[\s\S]*Applied \d+ migration/);
    const second = await banca(['migrate']);
    expect(second.out).toMatch(/up to date \(\d+ migrations\)/);
  });

  it('users create prints a generated password once, and that user can sign in to the api', async () => {
    const created = await banca(['users', 'create', '--username', 'Carol', '--role', 'marketing', '--display-name', 'Carol Liu']);
    expect(created.code).toBe(0);
    expect(created.out).toContain('Created user carol (role marketing');
    const password = /Password \(shown once, store it now\): (\S+)/.exec(created.out)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await login('carol', password ?? '')).toMatchObject({ role: 'marketing', via: 'session' });
    expect(await login('carol', 'not the password')).toBe('refused');
  });

  it('users create --password-stdin takes the password from standard input and prints none', async () => {
    const created = await banca(['users', 'create', '--username', 'dora', '--role', 'compliance', '--password-stdin'], {
      stdin: 'piped in passphrase 42\n',
    });
    expect(created.code).toBe(0);
    expect(created.out).not.toContain('Password');
    expect(await login('dora', 'piped in passphrase 42')).toMatchObject({ role: 'compliance' });
  });

  it('users list shows the users with role and status', async () => {
    const listed = await banca(['users', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^USERNAME\s+ROLE/);
    expect(listed.out).toMatch(/carol\s+marketing\s+Carol Liu\s+active/);
    expect(listed.out).toMatch(/dora\s+compliance/);
  });

  it('tokens create prints a token once that authenticates with its role', async () => {
    const created = await banca(['tokens', 'create', '--name', 'partner A upload', '--role', 'marketing']);
    expect(created.code).toBe(0);
    const token = /^(bit_\S+)$/m.exec(created.out)?.[1] ?? '';
    expect(token).not.toBe('');
    expect(await withPlatform((auth) => auth.authenticate(token))).toMatchObject({ role: 'marketing', via: 'api-token', userId: null });
    const listed = await banca(['tokens', 'list']);
    expect(listed.out).toContain('partner A upload');
    expect(listed.out).not.toContain(token);
  });

  it('compliance scan checks every sale, waits for the scan and the alert evaluation, and prints what they did', async () => {
    // On Redis the jobs go to worker processes; this process stands in for one, as a worker would run them.
    const run = await banca(['compliance', 'scan'], { loadConfig: () => ({ ...config, runJobsInApi: true }) });
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/Compliance scan job compliance:\S+ queued/);
    expect(run.out).toMatch(/^Checked 0 sales: 0 findings created, 0 updated, 0 reopened, 0 withdrawn \(scan [0-9a-f-]{36}\)\.$/m);
    expect(run.out).toMatch(/^Alerts \(rule set v1\): 0 raised, 0 still over, 0 resolved\.$/m);
  });

  it('exits 2 with the message and no stack on a refusal from the domain', async () => {
    const duplicate = await banca(['users', 'create', '--username', 'carol', '--role', 'manager']);
    expect(duplicate).toMatchObject({ code: EXIT_DOMAIN, out: '' });
    expect(duplicate.err).toBe('Error: A user named "carol" exists already\n');
    const badRole = await banca(['users', 'create', '--username', 'erin', '--role', 'boss']);
    expect(badRole.code).toBe(EXIT_DOMAIN);
    expect(badRole.err).toMatch(/^Error: field "role": /);
    expect(badRole.err).not.toMatch(/\n\s+at /);
  });

  it('exits 1 with the message on a configuration error', async () => {
    const run = await banca(['users', 'list'], {
      loadConfig: () => {
        throw new ConfigError(['PORT: Invalid input: expected number, received NaN (got "notaport")']);
      },
    });
    expect(run.code).toBe(EXIT_CONFIG);
    expect(run.err).toContain('PORT');
    expect(run.err).not.toMatch(/\n\s+at /);
  });

  it('exits non-zero with usage help for a missing option', async () => {
    const run = await banca(['users', 'create', '--role', 'admin']);
    expect(run.code).not.toBe(0);
    expect(run.err).toContain('--username');
  });
});
