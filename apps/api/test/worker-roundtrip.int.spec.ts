import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestionRunSchema, tierCountsResponseSchema, type IngestionRunDto } from '@banca/contracts';
import { buildWorker, startWorker, suiteDatabaseConfig, testConfig, workerEnv, type BuiltWorker, type WorkerProcess } from '@banca/testing';
import { createTestUser, loginToken, startTestApi, type TestApi } from './api-test.harness';

// The production shape: the api only enqueues, a separate worker process runs the jobs over Redis, and
// their results come back through the api. Needs PostgreSQL (PGlite is single-process) and Redis.
const onServices =
  suiteDatabaseConfig().kind === 'postgres' && testConfig({ kind: 'pglite', dataDir: 'memory' }).queue.kind === 'bullmq';

const CUSTOMERS = [
  'customer_id,region,branch_code,household_annual_income,investable_assets,consent_data_sharing,as_of',
  '13800000001,Beijing,BJ1,250000,6000000,Y,2026-06-30',
  '13800000002,Beijing,BJ1,120000,80000,Y,2026-06-30',
  '13800000003,Shanghai,SH1,90000,700000,N,2026-06-30',
].join('\n');

describe.runIf(onServices)('a job enqueued through the api runs in a separate worker process', () => {
  let api: TestApi;
  let built: BuiltWorker;
  let worker: WorkerProcess;
  let admin: string;
  let marketing: string;

  beforeAll(async () => {
    built = buildWorker();
    api = await startTestApi({ runJobsInApi: false });
    worker = startWorker(built.main, workerEnv(api.config, api.config.database));
    const adminUser = await createTestUser(api, 'admin');
    const marketingUser = await createTestUser(api, 'marketing');
    admin = await loginToken(api, adminUser.username, adminUser.password);
    marketing = await loginToken(api, marketingUser.username, marketingUser.password);
  });

  afterAll(async () => {
    await worker?.kill();
    await api?.close();
    built?.dispose();
  });

  /** Fails at once, with the worker's output, if the worker dies while we wait. */
  async function untilSettled<T>(read: () => Promise<T>, settled: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 45_000;
    for (;;) {
      if (worker.child.exitCode !== null || worker.child.signalCode !== null) {
        throw new Error(`worker exited early\n${worker.stdout()}\n${worker.stderr()}`);
      }
      const value = await read();
      if (settled(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}\n${worker.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('an uploaded customers file is loaded and tiered by the worker, and the api shows the result', async () => {
    const form = new FormData();
    form.set('entity', 'customers');
    form.set('file', new Blob([CUSTOMERS], { type: 'text/csv' }), 'bank-customers.csv');
    const response = await api.fetch('/api/v1/ingestions', { method: 'POST', token: marketing, body: form });
    expect(response.status).toBe(202);
    const queued = ingestionRunSchema.parse(await response.json());

    const run: IngestionRunDto = await untilSettled(
      async () => ingestionRunSchema.parse(await (await api.fetch(`/api/v1/ingestions/${queued.id}`, { token: marketing })).json()),
      (r) => r.status === 'completed' || r.status === 'failed',
    );
    expect(run).toMatchObject({ status: 'completed', counts: { read: 3, inserted: 3, rejected: 0 } });

    const tiers = await untilSettled(
      async () => tierCountsResponseSchema.parse(await (await api.fetch('/api/v1/segments/tiers', { token: marketing })).json()),
      (t) => t.total === 3,
    );
    expect(tiers.tiers).toEqual([
      { tier: 'hnw', customers: 1 },
      { tier: 'middle', customers: 1 },
      { tier: 'basic', customers: 1 },
    ]);

    // the work happened in the worker: its log has both jobs, and no raw identifier
    const names = worker.lines().filter((line) => line.msg === 'job completed').map((line) => line.jobName);
    expect(names).toEqual(expect.arrayContaining(['ingest-file', 'retier-customers']));
    expect(worker.stdout() + worker.stderr()).not.toContain('13800000001');
  });

  it('a ping job posted to the api completes in the worker and its result is read back through the api', async () => {
    const response = await api.fetch('/api/v1/jobs/ping', { method: 'POST', token: admin, json: { message: 'hello worker' } });
    expect(response.status).toBe(202);
    const { jobId } = (await response.json()) as { jobId: string };
    const status = await untilSettled(
      async () => (await (await api.fetch(`/api/v1/jobs/${jobId}`, { token: admin })).json()) as { state: string; result?: unknown },
      (s) => s.state === 'completed' || s.state === 'failed',
    );
    expect(status).toMatchObject({ state: 'completed', result: { message: 'hello worker' } });
    expect(worker.lines().some((line) => line.jobId === jobId && line.msg === 'job completed' && line.pid === worker.child.pid)).toBe(true);
  });
});
