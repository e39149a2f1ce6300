import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversionResponseSchema } from '@banca/contracts';
import { campaignEvents, campaigns, customers, sales } from '@banca/db';
import { conversionFigure, ROLES, type Role } from '@banca/domain';
import { createTestUser, loginToken, startTestApi, type TestApi } from './api-test.harness';

const hex = (n: number) => n.toString(16).padStart(64, '0');

describe('GET /api/v1/campaigns/:code/conversion', () => {
  let api: TestApi;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    api = await startTestApi();
    for (const role of ROLES) {
      const user = await createTestUser(api, role, `conv-${role}`);
      tokens[role] = await loginToken(api, user.username, user.password);
    }
    // Three contacted customers aged 30, 30 and 70 at the start; the first and the third buy the offered deposit.
    await api.handle.db.insert(customers).values([
      { customerId: hex(1), birthYear: 1995, asOf: '2025-01-01' },
      { customerId: hex(2), birthDate: '1995-01-15', birthYear: 1995, asOf: '2025-01-01' },
      { customerId: hex(3), birthYear: 1955, asOf: '2025-01-01' },
    ]);
    await api.handle.db.insert(campaigns).values([
      { campaignCode: 'TD-2025', name: 'Deposits', origin: 'imported', startDate: '2025-03-01', endDate: '2025-03-31', productCodes: ['TD'], holdoutShare: 0 },
      { campaignCode: 'TD-2024', name: 'Deposits last year', origin: 'imported', startDate: '2024-03-01', endDate: '2024-03-31', holdoutShare: 0 },
    ]);
    await api.handle.db.insert(campaignEvents).values([
      { customerId: hex(1), campaignCode: 'TD-2025', event: 'contacted', channel: 'phone', occurredAt: '2025-03-02' },
      { customerId: hex(2), campaignCode: 'TD-2025', event: 'contacted', channel: 'phone', occurredAt: '2025-03-02' },
      { customerId: hex(3), campaignCode: 'TD-2025', event: 'contacted', channel: 'sms', occurredAt: '2025-03-02' },
      { customerId: hex(1), campaignCode: 'TD-2024', event: 'responded', occurredAt: '2024-03-02' },
    ]);
    await api.handle.db.insert(sales).values([
      { customerId: hex(1), saleId: 'S1', productCode: 'TD', soldAt: '2025-03-10', amount: 10_000 },
      { customerId: hex(3), saleId: 'S2', productCode: 'TD', soldAt: '2025-04-20', amount: 10_000 },
    ]);
  });
  afterAll(async () => api?.close());

  const get = (path: string, role: Role = 'manager') => api.fetch(`/api/v1/campaigns${path}`, { token: tokens[role] });

  it('answers every reading role with the figures, overall and by a dimension', async () => {
    for (const role of ROLES) expect((await get('/TD-2025/conversion', role)).status).toBe(200);
    const overall = conversionResponseSchema.parse(await (await get('/TD-2025/conversion')).json());
    expect(overall).toMatchObject({ by: 'none', groups: [], hasHoldout: false, campaign: { code: 'TD-2025', windowEnd: '2025-04-30' } });
    expect(overall.total.treatment).toEqual(conversionFigure(2, 3));

    const byAge = conversionResponseSchema.parse(await (await get('/TD-2025/conversion?by=age_band')).json());
    expect(byAge.groups.filter((g) => g.treatment.customers > 0).map((g) => [g.key, g.treatment.customers, g.treatment.converted])).toEqual([
      ['25-34', 2, 1],
      ['65+', 1, 1],
    ]);
    const byChannel = conversionResponseSchema.parse(await (await get('/TD-2025/conversion?by=channel')).json());
    expect(byChannel.groups.map((g) => [g.key, g.treatment.converted, g.treatment.customers])).toEqual([
      ['phone', 1, 2],
      ['sms', 1, 1],
    ]);
    const byPrevious = conversionResponseSchema.parse(await (await get('/TD-2025/conversion?by=previous_outcome&previousCampaign=TD-2024')).json());
    expect(byPrevious.previousCampaign).toBe('TD-2024');
    expect(byPrevious.groups.map((g) => [g.key, g.treatment.converted, g.treatment.customers])).toEqual([
      ['none', 1, 2],
      ['contacted', 0, 0],
      ['opted_out', 0, 0],
      ['responded', 1, 1],
      ['offer_redeemed', 0, 0],
    ]);
  });

  it('refuses a missing or unknown earlier campaign, an unknown dimension and an unknown campaign', async () => {
    const missing = await get('/TD-2025/conversion?by=previous_outcome');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'previousCampaign' } } });
    expect((await get('/TD-2025/conversion?by=previous_outcome&previousCampaign=NOPE')).status).toBe(404);
    expect((await get('/TD-2025/conversion?by=branch')).status).toBe(400);
    const unknown = await get('/NOPE/conversion');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('is documented with the four reading roles', async () => {
    const doc = (await (await api.fetch('/api/docs-json')).json()) as { paths: Record<string, { get?: { 'x-banca-roles'?: string[] } }> };
    expect([...(doc.paths['/api/v1/campaigns/{code}/conversion']?.get?.['x-banca-roles'] ?? [])].sort()).toEqual(['admin', 'compliance', 'manager', 'marketing']);
  });
});
