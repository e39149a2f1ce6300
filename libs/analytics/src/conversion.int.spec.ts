import { Test, type TestingModule } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule, type DatabaseConfig } from '@banca/config';
import { audienceMembers, campaignEvents, campaigns, customers, DATABASE, DbModule, sales, type Database } from '@banca/db';
import { ageOn, campaignAgeBand, conversionFigure, NotFoundError, ValidationError, type ConversionFigure } from '@banca/domain';
import { createTestDatabaseConfig, dropTestDatabase, testConfig } from '@banca/testing';
import { AnalyticsModule } from './analytics.module';
import { ConversionService } from './conversion.service';

const id = (name: string) => name.padEnd(64, '0');
const figure = (converted: number, customers: number): ConversionFigure => conversionFigure(converted, customers);
const EMPTY = figure(0, 0);

type EventRow = typeof campaignEvents.$inferInsert;
const event = (customer: string, campaignCode: string, kind: string, occurredAt: string, extra: Partial<EventRow> = {}): EventRow => ({
  customerId: id(customer),
  campaignCode,
  event: kind,
  occurredAt,
  ...extra,
});
const sale = (customer: string, saleId: string, productCode: string, soldAt: string) => ({
  customerId: id(customer),
  saleId,
  productCode,
  soldAt,
  amount: 1_000,
});

/**
 * HIST (imported, 2025-03-01 – 2025-03-31, 30 attribution days: sales count 2025-03-01 – 2025-04-30, of
 * TD or ANN). Treatment a–f, holdout g–h; i is not in it. PREV is an earlier imported campaign.
 */
const HIST_EVENTS: EventRow[] = [
  event('a', 'HIST', 'contacted', '2025-03-02', { channel: 'phone' }),
  event('a', 'HIST', 'contacted', '2025-03-09', { channel: 'sms' }),
  event('a', 'HIST', 'responded', '2025-03-20', { channel: 'branch' }),
  event('b', 'HIST', 'contacted', '2025-03-05', { channel: 'phone' }),
  event('c', 'HIST', 'contacted', '2025-03-05', { channel: 'phone' }),
  event('d', 'HIST', 'contacted', '2025-03-05'),
  event('e', 'HIST', 'responded', '2025-03-05', { channel: 'app' }),
  event('f', 'HIST', 'contacted', '2025-03-06', { channel: 'sms', group: 'treatment' }),
  event('g', 'HIST', 'opted_out', '2025-03-06', { group: 'holdout' }),
  event('h', 'HIST', 'contacted', '2025-03-06', { channel: 'phone' }),
  event('h', 'HIST', 'responded', '2025-03-07', { group: 'holdout' }),
];

const PREV_EVENTS: EventRow[] = [
  event('a', 'PREV', 'contacted', '2024-01-01'),
  event('a', 'PREV', 'offer_redeemed', '2024-01-05'),
  event('b', 'PREV', 'contacted', '2024-01-01'),
  event('b', 'PREV', 'opted_out', '2024-01-02'),
  event('c', 'PREV', 'responded', '2024-01-01'),
  event('c', 'PREV', 'contacted', '2024-01-03'),
  event('g', 'PREV', 'contacted', '2024-01-01'),
  event('i', 'PREV', 'offer_redeemed', '2024-01-01'),
];

/** Converted: a (twice, once counted), b on the first day, f on the window's last day, h (holdout). */
const SALES = [
  sale('a', 'S1', 'TD', '2025-03-10'),
  sale('a', 'S2', 'ANN', '2025-03-11'),
  sale('b', 'S3', 'TD', '2025-03-01'),
  sale('c', 'S4', 'TD', '2025-02-28'),
  sale('d', 'S5', 'TD', '2025-05-01'),
  sale('e', 'S6', 'OTHER', '2025-03-15'),
  sale('f', 'S7', 'ANN', '2025-04-30'),
  sale('h', 'S8', 'TD', '2025-03-20'),
  sale('i', 'S9', 'TD', '2025-03-20'),
];

describe('campaign conversion (DATA.md metric definitions)', () => {
  let database: DatabaseConfig;
  let app: TestingModule | undefined;
  let db: Database;
  let conversion: ConversionService;

  beforeAll(async () => {
    // Reads only: the database and the module, no queue.
    database = await createTestDatabaseConfig();
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(testConfig(database)), DbModule, AnalyticsModule] }).compile();
    app = await moduleRef.init();
    db = app.get<Database>(DATABASE);
    conversion = app.get(ConversionService);
    await db.insert(campaigns).values([
      { campaignCode: 'HIST', name: 'Spring deposits', origin: 'imported', status: 'completed', startDate: '2025-03-01', endDate: '2025-03-31', productCodes: ['TD', 'ANN'], holdoutShare: 0 },
      { campaignCode: 'PREV', name: 'Last year', origin: 'imported', status: 'completed', startDate: '2024-01-01', endDate: '2024-01-31', productCodes: [], holdoutShare: 0 },
      { campaignCode: 'LAUNCHED', name: 'Planned here', origin: 'platform', status: 'completed', startDate: '2025-03-01', endDate: '2025-03-10', attributionDays: 0, productCodes: ['TD'] },
      { campaignCode: 'EMPTY', name: 'No events yet', origin: 'imported', status: 'scheduled', startDate: '2026-01-01', endDate: '2026-01-31', productCodes: ['TD'], holdoutShare: 0 },
    ]);
    await db.insert(campaignEvents).values([...HIST_EVENTS, ...PREV_EVENTS]);
    await db.insert(sales).values(SALES);
    await db.insert(audienceMembers).values([
      { customerId: id('a'), campaignCode: 'LAUNCHED', group: 'treatment' },
      { customerId: id('b'), campaignCode: 'LAUNCHED', group: 'treatment' },
      { customerId: id('h'), campaignCode: 'LAUNCHED', group: 'holdout' },
      { customerId: id('i'), campaignCode: 'LAUNCHED', group: 'treatment', exclusionReason: 'no_consent' },
    ]);
  });
  afterAll(async () => {
    await app?.close();
    if (database) await dropTestDatabase(database);
  });

  it('counts an imported campaign audience from its events and converts on offered products sold in [start, end + attribution]', async () => {
    const result = await conversion.conversion('HIST', { by: 'none' });
    expect(result.campaign).toEqual({
      code: 'HIST',
      name: 'Spring deposits',
      origin: 'imported',
      startDate: '2025-03-01',
      endDate: '2025-03-31',
      attributionDays: 30,
      windowEnd: '2025-04-30',
      productCodes: ['TD', 'ANN'],
    });
    // treatment a–f converts a, b, f (c before the start, d after the window, e another product); holdout g, h converts h
    expect(result.total).toEqual({ treatment: figure(3, 6), holdout: figure(1, 2) });
    expect(result.groups).toEqual([]);
    expect(result.hasHoldout).toBe(true);
  });

  it('breaks down by the channel of the latest contact; no contact or no channel is null, last', async () => {
    const result = await conversion.conversion('HIST', { by: 'channel' });
    expect(result.groups).toEqual([
      // phone: b, c (treatment), h (holdout); sms: a (latest contact), f; e only responded, d has no channel, g opted out
      { key: 'phone', treatment: figure(1, 2), holdout: figure(1, 1) },
      { key: 'sms', treatment: figure(2, 2), holdout: EMPTY },
      { key: null, treatment: figure(0, 2), holdout: figure(0, 1) },
    ]);
    expect(result.total).toEqual({ treatment: figure(3, 6), holdout: figure(1, 2) });
  });

  it('breaks down by the furthest event in an earlier campaign, every outcome listed in order', async () => {
    const result = await conversion.conversion('HIST', { by: 'previous_outcome', previousCampaign: 'PREV' });
    expect(result.previousCampaign).toBe('PREV');
    expect(result.groups).toEqual([
      { key: 'none', treatment: figure(1, 3), holdout: figure(1, 1) },
      { key: 'contacted', treatment: EMPTY, holdout: figure(0, 1) },
      { key: 'opted_out', treatment: figure(1, 1), holdout: EMPTY },
      { key: 'responded', treatment: figure(0, 1), holdout: EMPTY },
      { key: 'offer_redeemed', treatment: figure(1, 1), holdout: EMPTY },
    ]);
  });

  it('takes a launched campaign audience from its members, without the excluded', async () => {
    const result = await conversion.conversion('LAUNCHED', { by: 'none' });
    expect(result.campaign).toMatchObject({ origin: 'platform', windowEnd: '2025-03-10' });
    expect(result.total).toEqual({ treatment: figure(2, 2), holdout: figure(0, 1) });
  });

  it('answers an empty audience with empty figures and fixed dimension values with zeros', async () => {
    const result = await conversion.conversion('EMPTY', { by: 'age_band' });
    expect(result.total).toEqual({ treatment: EMPTY, holdout: EMPTY });
    expect(result.hasHoldout).toBe(false);
    expect(result.groups.map((g) => g.key)).toEqual(['<25', '25-34', '35-44', '45-54', '55-64', '65+']);
    expect(result.groups.every((g) => g.treatment.rate === null)).toBe(true);
  });

  it('refuses an unknown campaign, an unknown or identical earlier campaign', async () => {
    await expect(conversion.conversion('NOPE', { by: 'none' })).rejects.toThrow(NotFoundError);
    await expect(conversion.conversion('HIST', { by: 'previous_outcome', previousCampaign: 'NOPE' })).rejects.toThrow(NotFoundError);
    await expect(conversion.conversion('HIST', { by: 'previous_outcome', previousCampaign: 'HIST' })).rejects.toThrow(ValidationError);
    await expect(conversion.conversion('HIST', { by: 'previous_outcome' })).rejects.toThrow(ValidationError);
  });

  it('puts customers in the same age bands as campaignAgeBand(ageOn(…)) on generated birth dates', async () => {
    const start = '2025-03-01';
    // birthdays around the start date and the band bounds, 29 February, a birth year alone, nothing
    const births: { birthDate: string | null; birthYear: number | null }[] = [];
    for (const age of [18, 24, 25, 34, 35, 44, 45, 54, 55, 64, 65, 90]) {
      const year = 2025 - age;
      for (const monthDay of ['02-28', '03-01', '03-02', '12-31', '01-01']) births.push({ birthDate: `${year}-${monthDay}`, birthYear: year });
      births.push({ birthDate: null, birthYear: year });
    }
    births.push({ birthDate: '2000-02-29', birthYear: 2000 }, { birthDate: '1960-02-29', birthYear: 1960 }, { birthDate: null, birthYear: null });
    const rows = births.map((birth, i) => ({ customerId: id(`age${String(i).padStart(3, '0')}`), asOf: '2025-01-01', ...birth }));
    await db.insert(customers).values(rows);
    await db.insert(campaigns).values({ campaignCode: 'AGES', name: 'Ages', origin: 'imported', startDate: start, endDate: '2025-03-31', productCodes: ['TD'], holdoutShare: 0 });
    await db.insert(campaignEvents).values(rows.map((r) => ({ customerId: r.customerId, campaignCode: 'AGES', event: 'contacted', occurredAt: start })));
    // every third customer converts, so the converted counts per band are checked too
    await db.insert(sales).values(rows.filter((_, i) => i % 3 === 0).map((r, i) => ({ customerId: r.customerId, saleId: `AGE-${i}`, productCode: 'TD', soldAt: start, amount: 1 })));

    const expected = new Map<string | null, { customers: number; converted: number }>();
    births.forEach((birth, i) => {
      const band = campaignAgeBand(ageOn(birth.birthDate, birth.birthYear, start));
      const counts = expected.get(band) ?? { customers: 0, converted: 0 };
      counts.customers += 1;
      if (i % 3 === 0) counts.converted += 1;
      expected.set(band, counts);
    });
    const result = await conversion.conversion('AGES', { by: 'age_band' });
    const actual = new Map(result.groups.map((g) => [g.key, { customers: g.treatment.customers, converted: g.treatment.converted }]));
    expect(actual).toEqual(expected);
    expect(result.groups.at(-1)?.key).toBeNull();
  });
});
