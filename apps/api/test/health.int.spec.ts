import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JOB_QUEUE_TOKEN, type JobQueue } from '@banca/queue';
import { startTestApi, type TestApi } from './api-test.harness';

describe('health endpoints', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api?.close());

  it('answers liveness without a token', async () => {
    const response = await api.fetch('/api/v1/health/live');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('is ready when the database and the queue answer', async () => {
    const response = await api.fetch('/api/v1/health/ready');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', checks: { database: 'up', queue: 'up' } });
  });

  it('answers 503 naming the queue when the queue does not answer', async () => {
    const queue = api.app.get<JobQueue>(JOB_QUEUE_TOKEN);
    const ping = vi.spyOn(queue, 'ping').mockRejectedValue(new Error('connection refused'));
    try {
      const response = await api.fetch('/api/v1/health/ready');
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', checks: { database: 'up', queue: 'down' } });
    } finally {
      ping.mockRestore();
    }
  });

  it('answers 503 naming the database when the database does not answer', async () => {
    const ping = vi.spyOn(api.handle, 'ping').mockRejectedValue(new Error('terminating connection'));
    try {
      const response = await api.fetch('/api/v1/health/ready');
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', checks: { database: 'down', queue: 'up' } });
    } finally {
      ping.mockRestore();
    }
  });
});
