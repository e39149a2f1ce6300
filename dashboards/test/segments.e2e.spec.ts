import {
  errorEnvelopeSchema,
  ingestionRunSchema,
  penetrationResponseSchema,
  segmentListSchema,
  segmentPreviewResponseSchema,
  segmentSchema,
  tierBreakdownResponseSchema,
  tierCountsResponseSchema,
  tierMigrationResponseSchema,
  type TierCountsResponse,
} from '@banca/contracts';
import { TIERS, type SegmentRule } from '@banca/domain';
import { tableFromIPC } from 'apache-arrow';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ApiError, fieldIssuesOf } from '../src/api/api-error';
import { formatCount, formatPercent } from '../src/format/number.format';
import { en } from '../src/i18n/locales/en';
import { zhCN } from '../src/i18n/locales/zh-CN';
import { sameRule } from '../src/segments/rule-draft';
import { launchChromium } from './support/browser';
import { parseCsv } from './support/csv';
import { assertBuilt, createUser, eventually, newDataDir, startPlatform, type Platform } from './support/platform';
import { apiGet, apiLogin, apiPost, signInThroughForm, type TestUser } from './support/session';

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/dashboards', import.meta.url));
const marketing: TestUser = { username: 'e2e-marketing', role: 'marketing', password: randomBytes(18).toString('base64url') };
const manager: TestUser = { username: 'e2e-manager', role: 'manager', password: randomBytes(18).toString('base64url') };

// Three customers of our own next to the demo ones, with products and sales, so penetration is not all zero:
// E2E-1 holds an active accident policy; E2E-2 only a deposit (a bank product); E2E-3 cancelled in cooling-off.
const CUSTOMERS = [
  'customer_id,region,branch_code,household_annual_income,investable_assets,risk_level,consent_data_sharing,as_of',
  'E2E-1,E2E-Region,E2E-B1,900000,6000000,C4,Y,2025-06-30',
  'E2E-2,E2E-Region,E2E-B1,60000,20000,C2,Y,2025-06-30',
  'E2E-3,E2E-Region,E2E-B2,50000,10000,C1,N,2025-06-30',
].join('\n');
const PRODUCTS = ['product_code,name,provider,category,risk_level', 'ACC10,Accident cover 10,INS,accident,R1', 'DEP01,Term deposit,BANK,deposit,R1'].join('\n');
const SALES = [
  'sale_id,customer_id,product_code,sold_at,amount,status',
  'P-1,E2E-1,ACC10,2025-03-01,120,active',
  'P-2,E2E-2,DEP01,2025-03-01,50000,active',
  'P-3,E2E-3,ACC10,2025-03-01,120,cancelled_cooling_off',
].join('\n');

/** The rule the test builds through the page: middle or high-net-worth, and in Shanghai or at least 60. */
const BUILT_RULE: SegmentRule = {
  all: [
    { field: 'tier', op: 'in', values: ['hnw', 'middle'] },
    { any: [{ field: 'region', op: 'eq', value: 'Shanghai' }, { field: 'age', op: 'gte', value: 60 }] },
  ],
};

let platform: Platform | undefined;
let browser: Browser | undefined;
let page: Page;
let token: string;

function api(): Platform {
  if (!platform) throw new Error('platform not started');
  return platform;
}

function get<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
  return apiGet(api().baseUrl, token, path, schema);
}

async function uploadByApi(entity: string, name: string, content: string): Promise<void> {
  const form = new FormData();
  form.set('entity', entity);
  form.set('file', new Blob([content], { type: 'text/csv' }), name);
  const response = await fetch(`${api().baseUrl}/api/v1/ingestions`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  expect(response.status, await response.clone().text()).toBe(202);
  const { id } = ingestionRunSchema.parse(await response.json());
  const run = await eventually(`${name} to load`, async () => {
    const current = await get(`/ingestions/${id}`, ingestionRunSchema);
    return current.status === 'completed' || current.status === 'failed' ? current : undefined;
  });
  expect(run, JSON.stringify(run)).toMatchObject({ status: 'completed', counts: { rejected: 0 } });
}

function customersOf(counts: TierCountsResponse, tier: string): number {
  return counts.tiers.find((row) => row.tier === tier)?.customers ?? 0;
}

async function cellTexts(rows: Locator): Promise<string[][]> {
  return rows.evaluateAll((elements) => elements.map((row) => Array.from(row.querySelectorAll('th, td'), (cell) => cell.textContent ?? '')));
}

function lastCondition(scope: Locator): Locator {
  return scope.getByTestId('condition').last();
}

describe('Segments page (browser, real platform)', () => {
  beforeAll(async () => {
    assertBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    const dataDir = newDataDir();
    createUser(dataDir, marketing);
    createUser(dataDir, manager);
    platform = await startPlatform(dataDir, { BANCA_DEMO: 'on' });
    token = await apiLogin(platform.baseUrl, marketing);
    const demo = await eventually('demo customers to be tiered', async () => {
      const counts = await get('/segments/tiers', tierCountsResponseSchema);
      return counts.total > 0 && counts.computedAt !== null ? counts : undefined;
    });
    await uploadByApi('customers', 'e2e-customers.csv', CUSTOMERS);
    await uploadByApi('products', 'e2e-products.csv', PRODUCTS);
    await uploadByApi('sales', 'e2e-sales.csv', SALES);
    await eventually('our customers to be tiered', async () => {
      const counts = await get('/segments/tiers', tierCountsResponseSchema);
      return counts.total === demo.total + 3 ? counts : undefined;
    });

    browser = await launchChromium();
    page = await browser.newPage({ locale: 'en-US', viewport: { width: 1360, height: 1000 }, acceptDownloads: true });
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('shows customers per tier and per region as the API counts them, and filters by region through the URL', async () => {
    await signInThroughForm(page, api().baseUrl, '/segments', marketing);
    const all = await get('/segments/tiers', tierCountsResponseSchema);
    const table = page.getByTestId('segments-tier-table');
    await expect.poll(() => page.getByTestId('segments-tier-total').textContent(), { timeout: 15_000 }).toBe(formatCount(all.total, 'en'));
    expect(await cellTexts(table.locator('tbody tr'))).toEqual(
      TIERS.map((tier) => [en.tiers[tier], formatCount(customersOf(all, tier), 'en'), formatPercent(customersOf(all, tier) / all.total, 'en')]),
    );

    const byRegion = await get('/segments/tiers/breakdown?by=region', tierBreakdownResponseSchema);
    const ticks = page.locator('[data-testid="tier-breakdown"] .recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value');
    await expect.poll(() => ticks.allTextContents()).toEqual(byRegion.rows.slice(0, 12).map((row) => row.key ?? en.segments.breakdown.notRecorded));
    // One stacked segment per region and tier with customers (recharts draws none for a zero).
    const segments = byRegion.rows.slice(0, 12).flatMap((row) => TIERS.filter((tier) => row.tiers[tier] > 0));
    expect(await page.locator('[data-testid="tier-breakdown"] .recharts-bar-rectangle').count()).toBe(segments.length);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SCREENSHOTS, 'segments-en-figures.png'), fullPage: true });

    await page.getByLabel(en.segments.filters.region, { exact: true }).selectOption('E2E-Region');
    await page.waitForURL((url) => url.searchParams.get('region') === 'E2E-Region');
    const inRegion = await get('/segments/tiers?region=E2E-Region', tierCountsResponseSchema);
    expect(inRegion.total).toBe(3);
    await expect.poll(() => page.getByTestId('segments-tier-total').textContent()).toBe('3');
    expect(await cellTexts(table.locator('tbody tr'))).toEqual(
      TIERS.map((tier) => [en.tiers[tier], formatCount(customersOf(inRegion, tier), 'en'), formatPercent(customersOf(inRegion, tier) / 3, 'en')]),
    );
    // Within a region, the breakdown is per branch.
    await expect.poll(() => ticks.allTextContents()).toEqual(['E2E-B1', 'E2E-B2']);
  });

  it('shows the tier migration between two dates of the URL as a matrix with totals', async () => {
    const query = 'from=2025-01-01&to=2025-07-01';
    const migration = await get(`/segments/tiers/migration?${query}`, tierMigrationResponseSchema);
    expect(migration.totals.upgraded + migration.totals.downgraded, 'the demo history has tier moves').toBeGreaterThan(0);

    await page.goto(`${api().baseUrl}/segments?${query}`);
    const matrix = page.getByTestId('migration-matrix');
    await expect.poll(() => matrix.locator('tfoot td[data-column="total"]').textContent(), { timeout: 15_000 }).toBe(formatCount(migration.totals.customers, 'en'));
    for (const cell of migration.cells) {
      expect(await matrix.locator(`tbody tr[data-row="${cell.from}"] td[data-column="${cell.to}"]`).textContent(), `${cell.from} → ${cell.to}`).toBe(
        formatCount(cell.customers, 'en'),
      );
    }
    for (const tier of TIERS) {
      const column = migration.cells.filter((cell) => cell.to === tier).reduce((sum, cell) => sum + cell.customers, 0);
      expect(await matrix.locator(`tfoot td[data-column="${tier}"]`).textContent()).toBe(formatCount(column, 'en'));
    }
    expect(await page.getByTestId('migration-upgraded').textContent()).toBe(formatCount(migration.totals.upgraded, 'en'));
    expect(await page.getByTestId('migration-downgraded').textContent()).toBe(formatCount(migration.totals.downgraded, 'en'));

    // A date typed in the page goes to the URL and changes the figures.
    await page.getByLabel(en.segments.migration.from).fill('2025-07-01');
    await page.waitForURL((url) => url.searchParams.get('from') === '2025-07-01');
    const flat = await get('/segments/tiers/migration?from=2025-07-01&to=2025-07-01', tierMigrationResponseSchema);
    expect(flat.totals.upgraded).toBe(0);
    await expect.poll(() => page.getByTestId('migration-unchanged').textContent()).toBe(formatCount(flat.totals.unchanged, 'en'));
    await page.mouse.move(0, 0);
    await page.getByTestId('tier-migration').screenshot({ path: join(SCREENSHOTS, 'segments-en-migration.png') });
  });

  it('shows insurance penetration per tier as the API computes it', async () => {
    // Among our three customers only E2E-1's accident policy counts: a deposit is a bank product, a
    // cooling-off cancellation is not held. (The demo's own customers hold policies too.)
    const ours = await get('/segments/penetration?region=E2E-Region', penetrationResponseSchema);
    expect(ours.total).toMatchObject({ customers: 3, insured: 1 });
    const penetration = await get('/segments/penetration', penetrationResponseSchema);
    expect(penetration.total.insured).toBeGreaterThan(1);
    await page.goto(`${api().baseUrl}/segments`);
    const rows = page.getByTestId('penetration-table').locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(TIERS.length);
    expect(await cellTexts(rows)).toEqual(
      penetration.tiers.map((row) => [en.tiers[row.tier], formatCount(row.customers, 'en'), formatCount(row.insured, 'en'), formatPercent(row.penetration, 'en')]),
    );
  });

  it('builds a nested segment whose live preview count equals the API count for the same rule', async () => {
    await page.getByRole('tab', { name: en.segments.tabs.builder }).click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'builder');
    const editor = page.getByTestId('segment-editor');
    const root = editor.getByTestId('rule-group').first();
    const members = page.getByTestId('preview-members');

    // An empty "all" group: every customer who consented to data sharing.
    const everyone = await apiPost(api().baseUrl, token, '/segments/preview', { rule: { all: [] } }, segmentPreviewResponseSchema);
    await expect.poll(() => members.textContent(), { timeout: 15_000 }).toBe(formatCount(everyone.members, 'en'));

    await root.getByRole('button', { name: en.segments.builder.addCondition }).last().click();
    const tier = lastCondition(editor);
    await tier.locator('select[name="op"]').selectOption('in');
    await tier.getByLabel(en.tiers.middle).check();
    expect(await tier.getByLabel(en.tiers.hnw).isChecked()).toBe(true);

    await root.getByRole('button', { name: en.segments.builder.addGroup }).last().click();
    const group = editor.getByTestId('rule-group').nth(1);
    expect(await group.locator('select[name="mode"]').inputValue()).toBe('any');
    const region = lastCondition(group);
    await region.locator('select[name="field"]').selectOption('region');
    expect(await region.locator('select[name="op"]').inputValue()).toBe('eq');
    await region.locator('input[name="value"]').fill('Shanghai');
    await group.getByRole('button', { name: en.segments.builder.addCondition }).click();
    const age = lastCondition(group);
    await age.locator('select[name="field"]').selectOption('age');
    await age.locator('select[name="op"]').selectOption('gte');
    await age.locator('input[name="value"]').fill('60');

    const built = await apiPost(api().baseUrl, token, '/segments/preview', { rule: BUILT_RULE }, segmentPreviewResponseSchema);
    expect(built.members).toBeGreaterThan(0);
    expect(built.members).toBeLessThan(everyone.members);
    await expect.poll(() => members.textContent(), { timeout: 15_000 }).toBe(formatCount(built.members, 'en'));
    expect(await page.getByTestId('preview-excluded').textContent()).toBe(formatCount(built.excludedWithoutConsent, 'en'));
    const sample = page.getByTestId('preview-sample').locator('tbody tr');
    expect(await sample.count()).toBe(built.sample.length);
    // Every sampled member satisfies the tier condition.
    const tiers = await sample.evaluateAll((rows) => rows.map((row) => row.querySelectorAll('td')[1]?.textContent ?? ''));
    expect(new Set(tiers)).toEqual(new Set(tiers.filter((name) => name === en.tiers.hnw || name === en.tiers.middle)));
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SCREENSHOTS, 'segments-en-builder.png'), fullPage: true });
  });

  it('shows the API’s validation message next to the control it is about', async () => {
    const editor = page.getByTestId('segment-editor');
    const region = editor.getByTestId('rule-group').nth(1).getByTestId('condition').first();
    const tooLong = 'x'.repeat(201);
    const refused = await fetch(`${api().baseUrl}/api/v1/segments/preview`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ rule: { all: [BUILT_RULE.all[0], { any: [{ field: 'region', op: 'eq', value: tooLong }, { field: 'age', op: 'gte', value: 60 }] }] } }),
    });
    expect(refused.status).toBe(400);
    const envelope = errorEnvelopeSchema.parse(await refused.json());
    const issue = fieldIssuesOf(new ApiError(envelope.error.code, envelope.error.message, 400, envelope.error.requestId, null, envelope.error.details))[0];
    expect(issue?.field).toBe('rule.all.1.any.0.value');

    await region.locator('input[name="value"]').fill(tooLong);
    await expect.poll(() => region.getByTestId('condition-issues').textContent(), { timeout: 15_000 }).toBe(issue?.message);
    expect(await region.locator('input[name="value"]').getAttribute('aria-invalid')).toBe('true');
    await page.mouse.move(0, 0);
    await editor.screenshot({ path: join(SCREENSHOTS, 'segments-en-validation.png') });

    // A draft the page can tell is unfinished is not sent; the message is the page's own.
    await region.locator('input[name="value"]').fill('');
    await expect.poll(() => region.getByTestId('condition-issues').textContent()).toBe(en.segments.builder.problems.required);
    await region.locator('input[name="value"]').fill('Shanghai');
    await expect.poll(() => region.getByTestId('condition-issues').count()).toBe(0);
  });

  it('saves the segment, lists it, exports its members as CSV and Arrow, and deletes it', async () => {
    const built = await apiPost(api().baseUrl, token, '/segments/preview', { rule: BUILT_RULE }, segmentPreviewResponseSchema);
    const editor = page.getByTestId('segment-editor');
    await editor.getByLabel(en.segments.editor.name, { exact: true }).fill('Affluent, Shanghai or 60+');
    await editor.getByRole('button', { name: en.segments.editor.save }).click();
    await page.waitForURL((url) => url.searchParams.has('segment'));
    const id = new URL(page.url()).searchParams.get('segment') ?? '';

    const saved = await get(`/segments/${id}`, segmentSchema);
    expect(saved.name).toBe('Affluent, Shanghai or 60+');
    expect(sameRule(saved.rule, BUILT_RULE), JSON.stringify(saved.rule)).toBe(true);
    await expect.poll(() => page.getByTestId('saved-segments').locator(`[data-segment-id="${id}"] a`).textContent()).toBe(saved.name);
    await expect.poll(() => editor.getByRole('heading', { level: 2 }).textContent()).toBe(`Segment: ${saved.name}`);

    // Renaming is an update of the same segment, not a second one.
    const save = editor.getByRole('button', { name: en.segments.editor.update });
    expect(await save.isDisabled(), 'nothing to save before a change').toBe(true);
    await editor.getByLabel(en.segments.editor.name, { exact: true }).fill('Affluent seniors and Shanghai');
    await save.click();
    await expect.poll(async () => (await get(`/segments/${id}`, segmentSchema)).name).toBe('Affluent seniors and Shanghai');
    expect((await get('/segments', segmentListSchema)).segments.map((segment) => segment.id)).toEqual([id]);
    await expect.poll(() => page.getByTestId('saved-segments').locator(`[data-segment-id="${id}"] a`).textContent()).toBe('Affluent seniors and Shanghai');

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csvRows = parseCsv(readFileSync(await csvDownload.path(), 'utf8')).filter((cells) => cells.some((cell) => cell !== ''));
    expect(csvRows.length - 1, 'one line per member after the header').toBe(built.members);

    const [arrowDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-arrow').click()]);
    const arrow = tableFromIPC(readFileSync(await arrowDownload.path()));
    expect(arrow.numRows).toBe(built.members);

    // A manager sees the saved segment and its preview, but cannot change it.
    if (!browser) throw new Error('browser not started');
    const managerPage = await browser.newPage({ locale: 'en-US', viewport: { width: 1360, height: 1000 } });
    try {
      await signInThroughForm(managerPage, api().baseUrl, `/segments?tab=builder&segment=${id}`, manager);
      await expect.poll(() => managerPage.getByTestId('preview-members').textContent(), { timeout: 15_000 }).toBe(formatCount(built.members, 'en'));
      expect(await managerPage.getByRole('button', { name: en.segments.editor.update }).count()).toBe(0);
      expect(await managerPage.getByLabel(en.segments.editor.name, { exact: true }).count()).toBe(0);
      expect(await managerPage.getByText(en.segments.editor.readOnly).count()).toBe(1);
    } finally {
      await managerPage.close();
    }

    await editor.getByRole('button', { name: en.segments.editor.delete }).click();
    await editor.getByRole('button', { name: en.segments.editor.deleteConfirmed }).click();
    await page.waitForURL((url) => !url.searchParams.has('segment'));
    await expect.poll(() => page.getByTestId('saved-segments').getByText(en.segments.saved.empty).count()).toBe(1);
    expect((await get('/segments', segmentListSchema)).segments).toEqual([]);
  });

  it('shows the figures in Chinese', async () => {
    await page.goto(`${api().baseUrl}/segments?from=2025-01-01&to=2025-07-01`);
    await page.getByLabel(en.language.label).selectOption('zh-CN');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(zhCN.segments.title);
    const ticks = page.locator('[data-testid="bar-chart-card"] .recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value');
    await expect.poll(() => ticks.first().textContent()).toBe(zhCN.tiers.hnw);
    expect(await page.getByTestId('migration-matrix').locator('tbody tr[data-row="new"] th').textContent()).toBe(zhCN.segments.migration.new);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SCREENSHOTS, 'segments-zh-CN-figures.png'), fullPage: true });
    await page.getByRole('tab', { name: zhCN.segments.tabs.builder }).click();
    await expect.poll(() => page.getByTestId('preview-members').count(), { timeout: 15_000 }).toBe(1);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SCREENSHOTS, 'segments-zh-CN-builder.png'), fullPage: true });
  });
});
