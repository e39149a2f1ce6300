import { tierCountsResponseSchema } from '@banca/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error';
import { apiDownload, apiRequest, apiUrl, fileNameFromContentDisposition } from './client';
import { sessionStore } from './session.store';

class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const tierCounts = {
  tiers: [
    { tier: 'hnw', customers: 3 },
    { tier: 'middle', customers: 10 },
    { tier: 'basic', customers: 40 },
  ],
  total: 53,
  ruleVersion: 2,
  computedAt: '2025-03-09T06:05:00.000Z',
  regions: ['North'],
};

function respond(status: number, body: unknown, headers: Record<string, string> = {}) {
  const fetchMock = vi.fn<typeof fetch>(async () =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

describe('api client', () => {
  beforeEach(() => {
    vi.stubGlobal('sessionStorage', new MemoryStorage());
  });

  afterEach(() => {
    sessionStore.clear();
    vi.unstubAllGlobals();
  });

  it('sends the bearer token and the filters, and returns the answer parsed by its contract', async () => {
    sessionStore.set({ token: 'tok-1', expiresAt: inAnHour() });
    const fetchMock = respond(200, tierCounts);

    const counts = await apiRequest('/segments/tiers', tierCountsResponseSchema, { query: { region: 'North', branchCode: undefined } });

    expect(counts.total).toBe(53);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/segments/tiers?region=North');
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer tok-1');
  });

  it('turns the error envelope into an ApiError carrying code, message and request id', async () => {
    respond(403, { error: { code: 'FORBIDDEN', message: 'Role manager may not do this', requestId: 'req-42' } });

    const error = await apiRequest('/segments/tiers', tierCountsResponseSchema).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'FORBIDDEN', message: 'Role manager may not do this', requestId: 'req-42', status: 403 });
  });

  it('keeps the error id of a 500 for support', async () => {
    respond(500, { error: { code: 'INTERNAL', message: 'Internal server error', requestId: 'req-7', errorId: 'err-9' } });

    await expect(apiRequest('/segments/tiers', tierCountsResponseSchema)).rejects.toMatchObject({ errorId: 'err-9', requestId: 'req-7' });
  });

  it('falls back to the status and the x-request-id header when the body is not an envelope', async () => {
    respond(502, undefined, { 'x-request-id': 'req-proxy' });

    await expect(apiRequest('/segments/tiers', tierCountsResponseSchema)).rejects.toMatchObject({ code: 'HTTP_502', requestId: 'req-proxy' });
  });

  it('ends the session when the server rejects the token', async () => {
    sessionStore.set({ token: 'tok-old', expiresAt: inAnHour() });
    respond(401, { error: { code: 'UNAUTHENTICATED', message: 'Session expired', requestId: 'req-1' } });

    await expect(apiRequest('/auth/me', tierCountsResponseSchema)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(sessionStore.token()).toBeNull();
    expect(sessionStorage.getItem('banca.session')).toBeNull();
  });

  it('reports an answer that breaks the contract as INVALID_RESPONSE, naming the field', async () => {
    respond(200, { ...tierCounts, total: -1 });

    await expect(apiRequest('/segments/tiers', tierCountsResponseSchema)).rejects.toMatchObject({
      code: 'INVALID_RESPONSE',
      message: expect.stringContaining('total'),
    });
  });

  it('reports an unreachable server as NETWORK', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>(async () => Promise.reject(new TypeError('Failed to fetch'))));

    await expect(apiRequest('/segments/tiers', tierCountsResponseSchema)).rejects.toMatchObject({ code: 'NETWORK', status: null });
  });
});

describe('multipart and downloads', () => {
  beforeEach(() => {
    vi.stubGlobal('sessionStorage', new MemoryStorage());
    sessionStore.set({ token: 'tok-2', expiresAt: inAnHour() });
  });

  afterEach(() => {
    sessionStore.clear();
    vi.unstubAllGlobals();
  });

  it('sends FormData as it is, leaving the multipart boundary to the browser', async () => {
    const fetchMock = respond(200, tierCounts);
    const form = new FormData();
    form.set('entity', 'customers');

    await apiRequest('/ingestions', tierCountsResponseSchema, { method: 'POST', body: form });

    const [, init] = fetchMock.mock.calls[0]!;
    expect(init?.body).toBe(form);
    expect(new Headers(init?.headers).get('Content-Type')).toBeNull();
  });

  it('downloads a file with the bearer token and the name the server gave it', async () => {
    const fetchMock = vi.fn<typeof fetch>(
      async () => new Response('line,field\n3,income\n', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="rejects-run.csv"' } }),
    );
    vi.stubGlobal('fetch', fetchMock);

    const file = await apiDownload('/ingestions/x/rejects.csv', 'text/csv');

    expect(await file.blob.text()).toBe('line,field\n3,income\n');
    expect(file.fileName).toBe('rejects-run.csv');
    const headers = new Headers(fetchMock.mock.calls[0]?.[1]?.headers);
    expect(headers.get('Authorization')).toBe('Bearer tok-2');
    expect(headers.get('Accept')).toBe('text/csv');
  });

  it('turns a refused download into an ApiError like any other call', async () => {
    respond(404, { error: { code: 'NOT_FOUND', message: 'No such run', requestId: 'req-9' } });
    await expect(apiDownload('/ingestions/x/rejects.csv', 'text/csv')).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });
});

describe('fileNameFromContentDisposition', () => {
  it.each([
    ['attachment; filename="members.csv"', 'members.csv'],
    ['attachment; filename=members.arrow', 'members.arrow'],
    ["attachment; filename=\"fallback.csv\"; filename*=UTF-8''%E5%AE%A2%E6%88%B7.csv", '客户.csv'],
    ["attachment; filename*=UTF-8''%E0%A4%A", null],
    ['attachment', null],
    [null, null],
  ])('%s → %s', (header, expected) => {
    expect(fileNameFromContentDisposition(header)).toBe(expected);
  });
});

describe('apiUrl', () => {
  it('leaves out empty filters', () => {
    expect(apiUrl('/segments/tiers', { region: '', branchCode: undefined })).toBe('/api/v1/segments/tiers');
  });
});
