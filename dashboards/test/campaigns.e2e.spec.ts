import {
  audienceMembersResponseSchema,
  campaignListSchema,
  campaignMetricsSchema,
  campaignSchema,
  ingestionRunSchema,
  recordOutcomeResponseSchema,
  refreshRollupsResponseSchema,
  tierCountsResponseSchema,
} from '@banca/contracts';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportingDate } from '../src/format/date.format';
import { formatCount, formatPercent } from '../src/format/number.format';
import { en } from '../src/i18n/locales/en';
import { launchChromium } from './support/browser';
import { assertBuilt, createUser, eventually, newDataDir, startPlatform, type Platform } from './support/platform';
import { apiGet, apiLogin, apiPost, signInThroughForm, type TestUser } from './support/session';

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/dashboards', import.meta.url));
const password = () => randomBytes(18).toString('base64url');
const marketing: TestUser = { username: 'e2e-marketing', role: 'marketing', password: password() };
const manager: TestUser = { username: 'e2e-manager', role: 'manager', password: password() };

const CODE = 'E2E-SPRING';
const ELIGIBLE = 20;
/** Customers 1–20 may be offered a critical illness cover (R3, C3 customers with both consents); 21 has no marketing consent; 22 is C1. */
const customerId = (n: number) => `E2E-C-${String(n).padStart(2, '0')}`;
/** Customers who buy the offered product in the window, in either arm. */
const BUYERS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function isoDay(offsetDays: number): string {
  const today = new Date(`${reportingDate(new Date())}T00:00:00Z`);
  return new Date(today.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

const FILES = {
  branches: ['branch_code,name,region', 'E2E-B1,E2E Lujiazui,Shanghai'].join('\n'),
  customers: [
    'customer_id,birth_date,region,branch_code,monthly_income,household_annual_income,investable_assets,risk_level,risk_assessed_at,consent_marketing,consent_data_sharing,as_of',
    ...Array.from({ length: ELIGIBLE }, (_, index) => `${customerId(index + 1)},1980-06-15,Shanghai,E2E-B1,20000,300000,400000,C3,${isoDay(-200)},Y,Y,${isoDay(-30)}`),
    `${customerId(21)},1981-02-01,Shanghai,E2E-B1,20000,300000,400000,C3,${isoDay(-200)},N,Y,${isoDay(-30)}`,
    `${customerId(22)},1982-03-01,Shanghai,E2E-B1,20000,300000,400000,C1,${isoDay(-200)},Y,Y,${isoDay(-30)}`,
  ].join('\n'),
  products: ['product_code,name,provider,category,risk_level,premium_mode,cooling_off_days,fee_rate', 'E2E-CI,Critical illness R3,INS,critical_illness,R3,annual,15,0.2'].join('\n'),
};

let platform: Platform | undefined;
let browser: Browser | undefined;
let marketingToken: string;

function api(): Platform {
  if (!platform) throw new Error('platform not started');
  return platform;
}

async function upload(token: string, entity: keyof typeof FILES): Promise<void> {
  const form = new FormData();
  form.set('entity', entity);
  form.set('file', new Blob([FILES[entity]], { type: 'text/csv' }), `e2e-${entity}.csv`);
  const response = await fetch(`${api().baseUrl}/api/v1/ingestions`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  expect(response.status, await response.clone().text()).toBe(202);
  const { id } = ingestionRunSchema.parse(await response.json());
  const run = await eventually(`${entity} to load`, async () => {
    const current = await apiGet(api().baseUrl, token, `/ingestions/${id}`, ingestionRunSchema);
    return current.status === 'completed' || current.status === 'failed' ? current : undefined;
  });
  expect(run, JSON.stringify(run)).toMatchObject({ status: 'completed', counts: { rejected: 0 } });
}

async function signedInPage(user: TestUser, path: string): Promise<Page> {
  if (!browser) throw new Error('browser not started');
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 1000 } });
  const page = await context.newPage();
  await signInThroughForm(page, api().baseUrl, path, user);
  return page;
}

async function cellText(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').trim();
}

describe('Campaign screens (browser, real platform)', () => {
  beforeAll(async () => {
    assertBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    const dataDir = newDataDir();
    for (const user of [marketing, manager]) createUser(dataDir, user);
    platform = await startPlatform(dataDir, { BANCA_DEMO: 'off' });
    marketingToken = await apiLogin(platform.baseUrl, marketing);
    for (const entity of ['branches', 'products', 'customers'] as const) await upload(marketingToken, entity);
    await eventually('the loaded customers to be tiered', async () => {
      const counts = await apiGet(api().baseUrl, marketingToken, '/segments/tiers', tierCountsResponseSchema);
      return counts.total === ELIGIBLE + 2 ? counts : undefined;
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('lets marketing plan a campaign, launch it and see the audience built with the exclusions per reason', async () => {
    const page = await signedInPage(marketing, '/campaigns');
    await page.getByTestId('new-campaign').click();
    await page.waitForURL((url) => url.pathname === '/campaigns/new');

    const form = page.getByTestId('planner-form');
    const fields = en.campaigns.planner.fields;
    await form.getByLabel(fields.code, { exact: true }).fill(CODE);
    await form.getByLabel(fields.name, { exact: true }).fill('Spring critical illness');
    await form.getByLabel(fields.bankPartner, { exact: true }).fill('E2E Bank');
    await form.getByLabel(fields.insurerPartner, { exact: true }).fill('E2E Life');
    await form.getByLabel(fields.startDate, { exact: true }).fill(isoDay(-7));
    // The end before the start: the server's problem shows next to the end date.
    await form.getByLabel(fields.endDate, { exact: true }).fill(isoDay(-10));
    for (const tier of ['hnw', 'middle', 'basic'] as const) await form.getByLabel(en.tiers[tier], { exact: true }).check();
    await form.getByLabel(fields.productCodes, { exact: true }).fill('E2E-CI');
    await form.getByLabel(en.campaigns.channels.app, { exact: true }).check();
    await form.getByLabel(fields.budget, { exact: true }).fill('10万');
    await form.getByLabel(fields.holdout, { exact: true }).fill('50');
    await form.getByTestId('save-campaign').click();
    await expect.poll(() => form.getByTestId('field-problem').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(page.url()).toContain('/campaigns/new');

    await form.getByLabel(fields.endDate, { exact: true }).fill(isoDay(30));
    await form.getByTestId('save-campaign').click();
    await page.waitForURL((url) => url.pathname === `/campaigns/${CODE}/plan`, { timeout: 15_000 });
    const saved = await apiGet(api().baseUrl, marketingToken, `/campaigns/${CODE}`, campaignSchema);
    expect(saved).toMatchObject({ status: 'draft', holdoutShare: 0.5, budget: 100_000, productCodes: ['E2E-CI'], channels: ['app'], launchProblems: [] });
    expect([...saved.target.tiers].sort()).toEqual(['basic', 'hnw', 'middle']);

    await page.getByTestId('launch-campaign').click();
    const built = page.locator('[data-testid="audience-summary"][data-audience-status="built"]');
    await built.waitFor({ timeout: 60_000 });
    const campaign = await apiGet(api().baseUrl, marketingToken, `/campaigns/${CODE}`, campaignSchema);
    expect(campaign.status).toBe('running');
    expect(campaign.audience).toMatchObject({ status: 'built', targeted: ELIGIBLE + 2, eligible: ELIGIBLE });
    expect(campaign.audience.treatment + campaign.audience.holdout).toBe(ELIGIBLE);
    expect(campaign.audience.excluded).toMatchObject({ CONSENT_MISSING: 1, RISK_MISMATCH: 1, CONTACT_POLICY: 0, ELDERLY_NON_GUARANTEED: 0 });

    expect(await cellText(page, '[data-testid="audience-eligible"]')).toBe(formatCount(ELIGIBLE, 'en'));
    expect(await cellText(page, '[data-testid="audience-treatment"]')).toBe(formatCount(campaign.audience.treatment, 'en'));
    expect(await cellText(page, '[data-testid="audience-holdout"]')).toBe(formatCount(campaign.audience.holdout, 'en'));
    for (const [reason, count] of [['CONSENT_MISSING', '1'], ['RISK_MISMATCH', '1'], ['CONTACT_POLICY', '0'], ['ELDERLY_NON_GUARANTEED', '0']] as const) {
      expect(await cellText(page, `[data-testid="exclusion-table"] tr[data-reason="${reason}"] td`), reason).toBe(count);
    }
    expect(await cellText(page, '[data-testid="exclusion-table"] tr[data-reason="total"] td')).toBe('2');
    await page.screenshot({ path: join(SCREENSHOTS, 'campaigns-en-launched.png'), fullPage: true });
    await page.context().close();
  });

  it('shows the campaign’s figures per arm once outcomes are in and the rollup is refreshed', async () => {
    const base = api().baseUrl;
    for (const n of BUYERS) {
      await apiPost(base, marketingToken, `/campaigns/${CODE}/events`, { customerId: customerId(n), event: 'contacted', occurredAt: isoDay(-3), channel: 'app' }, recordOutcomeResponseSchema);
      await apiPost(
        base,
        marketingToken,
        '/sales',
        { saleId: `E2E-S-${n}`, customerId: customerId(n), productCode: 'E2E-CI', soldAt: isoDay(-1), amount: 6000, premiumMode: 'annual', channel: 'app', branchCode: 'E2E-B1' },
        recordOutcomeResponseSchema,
      );
    }
    await apiPost(base, marketingToken, '/campaigns/rollups/refresh', { campaignCodes: [CODE] }, refreshRollupsResponseSchema);
    const metrics = await eventually('the refreshed rollup to count the buyers', async () => {
      const current = await apiGet(base, marketingToken, `/campaigns/${CODE}/metrics`, campaignMetricsSchema);
      return current.refreshedAt !== null && current.conversion.treatment.converted + current.conversion.holdout.converted === BUYERS.length ? current : undefined;
    }, 90_000);
    expect(metrics.conversion.treatment.converted + metrics.conversion.holdout.converted).toBe(BUYERS.length);
    expect(metrics.conversion.treatment.customers + metrics.conversion.holdout.customers).toBe(ELIGIBLE);

    const page = await signedInPage(marketing, `/campaigns/${CODE}`);
    await page.getByTestId('campaign-kpis').waitFor({ timeout: 15_000 });
    expect(await cellText(page, '[data-testid="kpi-conversion-treatment"]')).toBe(formatPercent(metrics.conversion.treatment.rate, 'en'));
    expect(await cellText(page, '[data-testid="kpi-conversion-holdout"]')).toBe(formatPercent(metrics.conversion.holdout.rate, 'en'));
    for (const arm of ['treatment', 'holdout'] as const) {
      const row = `[data-testid="conversion-table"] tr[data-arm="${arm}"]`;
      expect(await cellText(page, `${row} td[data-column="customers"]`), arm).toBe(formatCount(metrics.conversion[arm].customers, 'en'));
      expect(await cellText(page, `${row} td[data-column="converted"]`), arm).toBe(formatCount(metrics.conversion[arm].converted, 'en'));
      expect(await cellText(page, `${row} td[data-column="rate"]`), arm).toBe(formatPercent(metrics.conversion[arm].rate, 'en', 2));
    }
    expect(await cellText(page, '[data-testid="refreshed-at"]')).toMatch(/^Figures refreshed /);
    expect(await page.getByTestId('refresh-figures').count()).toBe(1);
    expect(await page.getByTestId('campaign-status').first().getAttribute('data-status')).toBe('running');

    // Drill-down: the treatment arm's customers, pseudonymised references only.
    await page.getByTestId('breakdown-table-tier').waitFor({ timeout: 15_000 });
    await page.getByTestId('open-members').click();
    await page.getByTestId('members-table').waitFor({ timeout: 15_000 });
    const refs = await page.locator('[data-testid="members-table"] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-customer-ref')));
    const members = await apiGet(api().baseUrl, marketingToken, `/campaigns/${CODE}/audience/members?pageSize=50`, audienceMembersResponseSchema);
    expect(members.total).toBeGreaterThanOrEqual(ELIGIBLE);
    expect(refs).toEqual(members.items.map((member) => member.customerRef));
    for (const ref of refs) expect(ref).toMatch(/^[0-9a-f]{12}$/);
    expect(await page.locator('[data-testid="members-table"]').textContent()).not.toContain('E2E-C-');
    await page.screenshot({ path: join(SCREENSHOTS, 'campaigns-en-detail.png'), fullPage: true });
    await page.context().close();
  });

  it('lets a manager read the list and the detail but offers no planning, launch or refresh', async () => {
    const list = await apiGet(api().baseUrl, marketingToken, '/campaigns', campaignListSchema);
    const item = list.items.find((candidate) => candidate.code === CODE);
    expect(item?.status).toBe('running');

    const page = await signedInPage(manager, '/campaigns');
    const row = page.locator(`[data-testid="campaign-table"] tr[data-code="${CODE}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.locator('td[data-column="audience"]').textContent()).toBe(`${formatCount(item?.treatment, 'en')} / ${formatCount(item?.holdout, 'en')}`);
    expect(await page.getByTestId('new-campaign').count()).toBe(0);

    await row.getByRole('link', { name: 'Spring critical illness' }).click();
    await page.waitForURL((url) => url.pathname === `/campaigns/${CODE}`);
    await page.getByTestId('campaign-kpis').waitFor({ timeout: 15_000 });
    for (const testId of ['plan-campaign', 'launch-campaign', 'refresh-figures', 'cancel-campaign', 'complete-campaign', 'campaign-actions']) {
      expect(await page.getByTestId(testId).count(), testId).toBe(0);
    }
    expect(await cellText(page, '[data-testid="refreshed-at"]')).toMatch(/^Figures refreshed /);

    await page.goto(`${api().baseUrl}/campaigns/new`);
    await page.getByRole('heading', { name: en.forbidden.title }).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('planner-form').count()).toBe(0);
    await page.context().close();
  });
});
