import { campaignListSchema, loginResponseSchema, tierCountsResponseSchema, type TierCountsResponse } from '@banca/contracts';
import { TIERS } from '@banca/domain';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount } from '../src/format/number.format';
import { en } from '../src/i18n/locales/en';
import { zhCN } from '../src/i18n/locales/zh-CN';
import { launchChromium } from './support/browser';
import { assertBuilt, createUser, eventually, newDataDir, startPlatform, type Platform } from './support/platform';

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/dashboards', import.meta.url));
const manager = { username: 'e2e-manager', role: 'manager', password: randomBytes(18).toString('base64url') };

let platform: Platform | undefined;
let browser: Browser | undefined;
let page: Page;

function api(): Platform {
  if (!platform) throw new Error('platform not started');
  return platform;
}

async function fetchTierCounts(token: string, region?: string): Promise<TierCountsResponse> {
  const query = region ? `?${new URLSearchParams({ region })}` : '';
  const response = await fetch(`${api().baseUrl}/api/v1/segments/tiers${query}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status, await response.clone().text()).toBe(200);
  return tierCountsResponseSchema.parse(await response.json());
}

async function browserToken(): Promise<string> {
  const stored = await page.evaluate(() => sessionStorage.getItem('banca.session'));
  expect(stored, 'the browser keeps its session in sessionStorage').not.toBeNull();
  const { token } = JSON.parse(stored ?? '{}') as { token: string };
  return token;
}

function customersOf(counts: TierCountsResponse, tier: string): number {
  return counts.tiers.find((row) => row.tier === tier)?.customers ?? 0;
}

/** Heights of the three tier bars in px, in TIERS order. */
async function barHeights(): Promise<number[]> {
  const bars = page.locator('[data-testid="bar-chart-card"] .recharts-bar-rectangle path');
  await expect.poll(() => bars.count(), { timeout: 15_000 }).toBe(TIERS.length);
  const heights: number[] = [];
  for (let index = 0; index < TIERS.length; index += 1) {
    const box = await bars.nth(index).boundingBox();
    heights.push(box?.height ?? 0);
  }
  return heights;
}

async function axisLabels(): Promise<string[]> {
  return page.locator('[data-testid="bar-chart-card"] .recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
}

describe('Overview (browser, real platform)', () => {
  beforeAll(async () => {
    assertBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    const dataDir = newDataDir();
    createUser(dataDir, manager);
    platform = await startPlatform(dataDir, { BANCA_DEMO: 'on' });

    // Demo customers are loaded through ingestion after start-up; the page is only meaningful once tiered.
    const login = await fetch(`${platform.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: manager.username, password: manager.password }),
    });
    expect(login.status, await login.clone().text()).toBe(200);
    const { token } = loginResponseSchema.parse(await login.json());
    await eventually('demo customers to be tiered', async () => {
      const counts = await fetchTierCounts(token);
      return counts.total > 0 && counts.computedAt !== null ? counts : undefined;
    });
    // The campaign demo goes on loading in the background (its snapshots re-tier customers): the page and
    // the API are compared only once it has launched its last campaign and the tiers stopped moving.
    await eventually('the campaign demo to launch its six campaigns', async () => {
      const response = await fetch(`${api().baseUrl}/api/v1/campaigns`, { headers: { Authorization: `Bearer ${token}` } });
      expect(response.status, await response.clone().text()).toBe(200);
      const { items } = campaignListSchema.parse(await response.json());
      return items.length >= 6 && items.every((c) => c.audienceStatus === 'built' && c.refreshedAt !== null) ? items : undefined;
    });
    let previous = JSON.stringify(await fetchTierCounts(token));
    await eventually('the tiers to stop moving', async () => {
      await new Promise((wait) => setTimeout(wait, 2_000));
      const now = JSON.stringify(await fetchTierCounts(token));
      const stable = now === previous;
      previous = now;
      return stable ? true : undefined;
    });

    browser = await launchChromium();
    page = await browser.newPage({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('signs in through the login form and shows customers per tier matching the API', async () => {
    await page.goto(`${api().baseUrl}/overview`);
    await page.waitForURL(/\/login\?next=%2Foverview$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'login-en.png') });

    await page.getByLabel(en.login.username).fill(manager.username);
    await page.getByLabel(en.login.password).fill(manager.password);
    await page.getByRole('button', { name: en.login.submit }).click();
    await page.waitForURL(/\/overview$/);

    await expect.poll(() => page.getByTestId('current-role').textContent()).toBe(en.roles.manager);
    const counts = await fetchTierCounts(await browserToken());
    expect(counts.total).toBeGreaterThan(0);

    await expect.poll(() => page.getByTestId('kpi-total-customers').textContent()).toBe(formatCount(counts.total, 'en'));
    expect(await page.getByTestId('kpi-rule-version').textContent()).toBe(`v${counts.ruleVersion}`);

    expect(await axisLabels()).toEqual(TIERS.map((tier) => en.tiers[tier]));
    for (const tier of TIERS) {
      const cells = await page.locator(`[data-testid="tier-table"] tr[data-tier="${tier}"] td`).allTextContents();
      expect(cells[0], `${tier} customers in the table`).toBe(formatCount(customersOf(counts, tier), 'en'));
    }

    // Bars are drawn to scale: each bar's height over the tallest equals its count over the largest count.
    const heights = await barHeights();
    const tallest = Math.max(...heights);
    const largest = Math.max(...TIERS.map((tier) => customersOf(counts, tier)));
    expect(tallest).toBeGreaterThan(50);
    TIERS.forEach((tier, index) => {
      expect(heights[index]! / tallest, `${tier} bar height`).toBeCloseTo(customersOf(counts, tier) / largest, 1);
    });

    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SCREENSHOTS, 'overview-en.png'), fullPage: true });
  });

  it('switches to zh-CN, shows the Chinese tier names and remembers the choice', async () => {
    await page.getByLabel(en.language.label).selectOption('zh-CN');

    await expect.poll(axisLabels).toEqual(TIERS.map((tier) => zhCN.tiers[tier]));
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(zhCN.overview.title);

    await page.reload();
    await expect.poll(axisLabels).toEqual(TIERS.map((tier) => zhCN.tiers[tier]));
  });

  it('filters by region through the URL and shows that region’s counts', async () => {
    const token = await browserToken();
    const all = await fetchTierCounts(token);
    // A region holding only part of the customers, so a filter that was ignored would show.
    let region: string | undefined;
    let inRegion: TierCountsResponse | undefined;
    for (const candidate of all.regions) {
      const counts = await fetchTierCounts(token, candidate);
      if (counts.total > 0 && counts.total < all.total) {
        region = candidate;
        inRegion = counts;
        break;
      }
    }
    if (!region || !inRegion) throw new Error(`demo data should span several regions, got ${JSON.stringify(all.regions)}`);

    await page.getByLabel(zhCN.overview.filters.region).selectOption(region);

    await page.waitForURL((url) => url.searchParams.get('region') === region);
    await expect.poll(() => page.getByTestId('kpi-total-customers').textContent()).toBe(formatCount(inRegion.total, 'zh-CN'));
    for (const tier of TIERS) {
      const cells = await page.locator(`[data-testid="tier-table"] tr[data-tier="${tier}"] td`).allTextContents();
      expect(cells[0], `${tier} customers in ${region}`).toBe(formatCount(customersOf(inRegion, tier), 'zh-CN'));
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'overview-zh-CN-region.png'), fullPage: true });

    // A shared link opens with the same filter applied.
    await page.reload();
    expect(await page.getByLabel(zhCN.overview.filters.region).inputValue()).toBe(region);
    await expect.poll(() => page.getByTestId('kpi-total-customers').textContent()).toBe(formatCount(inRegion.total, 'zh-CN'));

    await page.getByLabel(zhCN.overview.filters.region).selectOption('');
    await page.waitForURL((url) => !url.searchParams.has('region'));
    await expect.poll(() => page.getByTestId('kpi-total-customers').textContent()).toBe(formatCount(all.total, 'zh-CN'));
  });

  it('signs out to the login page, after which the Overview needs a new sign-in', async () => {
    await page.getByRole('button', { name: zhCN.session.logout }).click();
    await page.waitForURL(/\/login/);
    expect(await page.evaluate(() => sessionStorage.getItem('banca.session'))).toBeNull();

    await page.goto(`${api().baseUrl}/overview?region=x`);
    await page.waitForURL(/\/login\?next=%2Foverview%3Fregion%3Dx$/);
  });
});
