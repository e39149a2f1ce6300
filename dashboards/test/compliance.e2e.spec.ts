import {
  branchRuleHeatmapResponseSchema,
  errorEnvelopeSchema,
  findingDetailSchema,
  findingListResponseSchema,
  ingestionRunSchema,
  mismatchTrendResponseSchema,
} from '@banca/contracts';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFindings, periodMismatchRate } from '../src/compliance/figures';
import { formatCount, formatPercent } from '../src/format/number.format';
import { en } from '../src/i18n/locales/en';
import { zhCN } from '../src/i18n/locales/zh-CN';
import { launchChromium } from './support/browser';
import { assertBuilt, createUser, eventually, newDataDir, startPlatform, type Platform } from './support/platform';
import { apiGet, apiLogin, signInThroughForm, type TestUser } from './support/session';

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/dashboards', import.meta.url));
const password = () => randomBytes(18).toString('base64url');
const reviewer: TestUser = { username: 'e2e-compliance', role: 'compliance', password: password() };
const secondReviewer: TestUser = { username: 'e2e-compliance-2', role: 'compliance', password: password() };
const manager: TestUser = { username: 'e2e-manager', role: 'manager', password: password() };
const marketing: TestUser = { username: 'e2e-marketing', role: 'marketing', password: password() };

/**
 * A C2 customer (household income 100,000, assessed 2024-06-01) buys a universal life product rated R4
 * with a single premium of 500,000 in March 2025, on video and with no named seller: the scan after the
 * sales load raises RISK_MISMATCH (high) and AFFORDABILITY_SINGLE (medium, above 4 × household income),
 * and nothing else. An accident cover bought in April and cancelled four days later, within its 15
 * cooling-off days, raises COOLING_OFF_CANCELLED (info), which may be decided in bulk.
 */
const FILES = {
  branches: ['branch_code,name,region', 'E2E-B1,E2E Lujiazui,Shanghai'].join('\n'),
  customers: [
    'customer_id,birth_date,region,branch_code,monthly_income,household_annual_income,risk_level,risk_assessed_at,consent_marketing,consent_data_sharing,as_of',
    'E2E-C-1,1980-06-15,Shanghai,E2E-B1,20000,100000,C2,2024-06-01,Y,Y,2025-01-01',
  ].join('\n'),
  products: [
    'product_code,name,provider,category,risk_level,premium_mode,cooling_off_days',
    'UL-R4,Universal life R4,INS,universal_life,R4,single,15',
    'ACC-1,Accident cover,INS,accident,R1,annual,15',
  ].join('\n'),
  sales: [
    'sale_id,customer_id,product_code,sold_at,amount,premium_mode,channel,branch_code,customer_risk_level_at_sale,dual_recording,status,status_at',
    'E2E-SALE-1,E2E-C-1,UL-R4,2025-03-01,500000,single,app,E2E-B1,C2,Y,active,',
    'E2E-SALE-2,E2E-C-1,ACC-1,2025-04-01,300,annual,app,E2E-B1,C2,Y,cancelled_cooling_off,2025-04-05',
  ].join('\n'),
};

let platform: Platform | undefined;
let browser: Browser | undefined;
let reviewerToken: string;
/** The findings of the seeded sales: a high risk mismatch, a medium affordability breach, an info cooling-off cancellation. */
let mismatchId: string;
let affordabilityId: string;
let coolingOffId: string;

function api(): Platform {
  if (!platform) throw new Error('platform not started');
  return platform;
}

/** Loads a partner file through the API, as marketing does, and waits for its run to complete without rejects. */
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

async function decide(page: Page, decision: 'approve' | 'reject', reason: string): Promise<void> {
  const form = page.getByTestId('finding-decision');
  await form.getByLabel(en.compliance.decisions[decision]).check();
  await form.getByLabel(en.compliance.detail.decision.reason).fill(reason);
  await form.getByRole('button', { name: en.compliance.detail.decision.submit }).click();
}

function detailOf(id: string) {
  return apiGet(api().baseUrl, reviewerToken, `/compliance/findings/${id}`, findingDetailSchema);
}

describe('Compliance screens (browser, real platform)', () => {
  beforeAll(async () => {
    assertBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    const dataDir = newDataDir();
    for (const user of [reviewer, secondReviewer, manager, marketing]) createUser(dataDir, user);
    platform = await startPlatform(dataDir, { BANCA_DEMO: 'off' });
    reviewerToken = await apiLogin(platform.baseUrl, reviewer);
    const loader = await apiLogin(platform.baseUrl, marketing);
    for (const entity of ['branches', 'customers', 'products', 'sales'] as const) await upload(loader, entity);
    const findings = await eventually('the scan after the sales load to raise the findings', async () => {
      const list = await apiGet(api().baseUrl, reviewerToken, '/compliance/findings?branchCode=E2E-B1', findingListResponseSchema);
      return list.items.length >= 3 ? list.items : undefined;
    });
    expect(findings.map((finding) => [finding.ruleCode, finding.severity, finding.saleId]).sort()).toEqual([
      ['AFFORDABILITY_SINGLE', 'medium', 'E2E-SALE-1'],
      ['COOLING_OFF_CANCELLED', 'info', 'E2E-SALE-2'],
      ['RISK_MISMATCH', 'high', 'E2E-SALE-1'],
    ]);
    coolingOffId = findings.find((finding) => finding.ruleCode === 'COOLING_OFF_CANCELLED')!.id;
    mismatchId = findings.find((finding) => finding.ruleCode === 'RISK_MISMATCH')!.id;
    affordabilityId = findings.find((finding) => finding.ruleCode === 'AFFORDABILITY_SINGLE')!.id;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('lists the findings of the sales in the queue, in business words, with the open count on the dashboard', async () => {
    const page = await signedInPage(reviewer, '/compliance/findings');
    const row = page.locator(`[data-finding-id="${mismatchId}"]`);
    await row.waitFor({ timeout: 20_000 });
    await expect.poll(() => row.textContent()).toContain(en.compliance.rules.RISK_MISMATCH);
    expect(await row.textContent()).toContain('C2 customer buys an R4 product (at most R2 allowed)');
    expect(await page.locator(`[data-finding-id="${affordabilityId}"]`).textContent()).toContain(
      'Single premium CNY 500,000 above 4 × household annual income of CNY 100,000',
    );
    // Filters live in the URL: the high-severity filter leaves only the mismatch.
    await page.getByLabel(en.compliance.queue.filters.severity).selectOption('high');
    await page.waitForURL((url) => url.searchParams.get('severity') === 'high');
    await expect.poll(() => page.locator('[data-finding-id]').count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'compliance-en-queue.png'), fullPage: true });

    const queue = await apiGet(api().baseUrl, reviewerToken, '/compliance/findings', findingListResponseSchema);
    const period = 'from=2025-01-01&to=2025-12-31';
    await page.goto(`${api().baseUrl}/compliance?${period}`);
    await expect.poll(() => page.getByTestId('kpi-open-findings').textContent(), { timeout: 15_000 }).toBe(formatCount(openFindings(queue.statusCounts), 'en'));
    await expect.poll(() => page.getByTestId('kpi-high-open').textContent()).toBe('1');
    const trend = await apiGet(api().baseUrl, reviewerToken, `/compliance/figures/mismatch-trend?${period}`, mismatchTrendResponseSchema);
    await expect.poll(() => page.getByTestId('kpi-mismatch-rate').textContent()).toBe(formatPercent(periodMismatchRate(trend.months), 'en'));
    // The heatmap is a table with the numbers in its cells: the branch's mismatch share and count.
    const heatmap = await apiGet(api().baseUrl, reviewerToken, `/compliance/figures/branch-rule-heatmap?${period}`, branchRuleHeatmapResponseSchema);
    const cell = heatmap.branches.find((branch) => branch.branchCode === 'E2E-B1')?.cells.find((c) => c.ruleCode === 'RISK_MISMATCH');
    expect(cell?.findings).toBe(1);
    const shown = page.locator('[data-testid="heatmap-table"] tr[data-row="E2E-B1"] td[data-column="RISK_MISMATCH"]');
    await expect.poll(() => shown.textContent(), { timeout: 15_000 }).toBe(`${formatPercent(cell?.rate ?? null, 'en')} (1)`);
    await page.getByTestId('trend-by-severity').waitFor();
    await page.getByTestId('trend-by-rule').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'compliance-en-dashboard.png'), fullPage: true });
    await page.context().close();
  });

  it('approves the high-severity mismatch with a reason, shows the history entry and waits for a second, different reviewer', async () => {
    const page = await signedInPage(reviewer, '/compliance/findings');
    await page.locator(`[data-finding-id="${mismatchId}"] a`).click();
    await page.waitForURL((url) => url.pathname === `/compliance/findings/${mismatchId}`);
    await expect.poll(() => page.getByTestId('finding-facts').textContent(), { timeout: 15_000 }).toContain('C2 customer buys an R4 product');
    expect(await page.getByTestId('product-risk-used').textContent()).toBe('R4');

    await decide(page, 'approve', 'Customer re-assessed as C4 on the day; form on file');
    const detail = page.locator(`[data-testid="finding-detail"][data-status="awaiting_second_approval"]`);
    await detail.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('four-eyes-note').textContent()).toBe(en.compliance.detail.decision.fourEyesYou);
    const entry = page.locator('[data-testid="history-table"] tr[data-to-status="awaiting_second_approval"]');
    expect(await entry.textContent()).toContain('Customer re-assessed as C4 on the day; form on file');
    expect(await entry.textContent()).toContain(en.roles.compliance);
    // The first approver is offered no second approval.
    expect(await page.getByTestId('finding-decision').getByLabel(en.compliance.decisions.approve).count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'compliance-en-finding.png'), fullPage: true });
    await page.context().close();

    const second = await signedInPage(secondReviewer, `/compliance/findings/${mismatchId}`);
    await expect.poll(() => second.getByTestId('four-eyes-note').textContent(), { timeout: 15_000 }).toContain('a second, different reviewer must approve');
    await decide(second, 'approve', 'Second review: assessment form checked');
    await second.locator('[data-testid="finding-detail"][data-status="approved"]').waitFor({ timeout: 15_000 });
    await second.context().close();

    const after = await detailOf(mismatchId);
    expect(after.finding.status).toBe('approved');
    expect(after.history.map((review) => [review.fromStatus, review.toStatus, review.reviewerRole, review.reason])).toEqual([
      ['open', 'awaiting_second_approval', 'compliance', 'Customer re-assessed as C4 on the day; form on file'],
      ['awaiting_second_approval', 'approved', 'compliance', 'Second review: assessment form checked'],
    ]);
  });

  it('rejects the affordability breach with a reason and shows it as decided', async () => {
    const page = await signedInPage(reviewer, `/compliance/findings/${affordabilityId}`);
    await page.getByTestId('finding-decision').waitFor({ timeout: 15_000 });
    await decide(page, 'reject', 'No declaration: remediation with the branch');
    await page.locator('[data-testid="finding-detail"][data-status="rejected"]').waitFor({ timeout: 15_000 });
    const entry = page.locator('[data-testid="history-table"] tr[data-to-status="rejected"]');
    expect(await entry.textContent()).toContain('No declaration: remediation with the branch');
    expect(await page.getByTestId('finding-decision').textContent()).toContain(
      en.compliance.detail.decision.final.replace('{{status}}', en.compliance.statuses.rejected),
    );
    await page.context().close();
    expect((await detailOf(affordabilityId)).finding.status).toBe('rejected');
  });

  it('attaches evidence to the sale from a finding and revokes it with a reason, keeping it listed', async () => {
    const page = await signedInPage(reviewer, `/compliance/findings/${mismatchId}`);
    const evidence = page.getByTestId('finding-evidence');
    await evidence.getByTestId('evidence-form').waitFor({ timeout: 15_000 });
    await evidence.getByLabel(en.compliance.detail.evidence.kind).selectOption('recording');
    await evidence.getByLabel(en.compliance.detail.evidence.reference).fill('VID-2025-03-01-0042');
    await evidence.getByRole('button', { name: en.compliance.detail.evidence.add }).click();
    const row = evidence.locator('tr[data-evidence-id]');
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('VID-2025-03-01-0042');
    expect(await row.textContent()).toContain(en.compliance.evidenceKinds.recording);
    expect(await row.textContent()).toContain(en.compliance.rules.DUAL_RECORDING_MISSING);

    await row.getByRole('button', { name: en.compliance.detail.evidence.revoke }).click();
    await row.getByLabel(en.compliance.detail.evidence.revokeReason).fill('Recording belongs to another policy');
    await row.getByRole('button', { name: en.compliance.detail.evidence.revokeConfirm }).click();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Revoked');
    await page.context().close();
    const [kept] = (await detailOf(mismatchId)).evidence;
    expect(kept).toMatchObject({ kind: 'recording', reference: 'VID-2025-03-01-0042' });
    expect(kept?.revokedAt).not.toBeNull();
  });

  it('approves the info cooling-off finding in bulk from the queue, with one reason', async () => {
    const page = await signedInPage(reviewer, '/compliance/findings?severity=info');
    const row = page.locator(`[data-finding-id="${coolingOffId}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('Cancelled 4 days after the sale, within the 15-day cooling-off period');
    await row.getByRole('checkbox').check();
    const bulk = page.getByTestId('bulk-decision');
    await bulk.getByLabel(en.compliance.queue.bulk.decision).selectOption('approve');
    await bulk.getByLabel(en.compliance.queue.bulk.reason).fill('Cooling-off cancellation, customer contacted: no mis-sale');
    await bulk.getByRole('button', { name: en.compliance.queue.bulk.submit }).click();
    await expect.poll(() => page.getByTestId('bulk-result').textContent(), { timeout: 15_000 }).toContain('Decided: 1. Refused: 0.');
    await page.context().close();
    const after = await detailOf(coolingOffId);
    expect(after.finding.status).toBe('approved');
    expect(after.history.map((review) => [review.toStatus, review.reason])).toEqual([['approved', 'Cooling-off cancellation, customer contacted: no mis-sale']]);
  });

  it('lets a manager read a finding but offers no decision, and no selection in the queue', async () => {
    const page = await signedInPage(manager, `/compliance/findings/${affordabilityId}`);
    await expect.poll(() => page.getByTestId('finding-decision').textContent(), { timeout: 15_000 }).toContain(en.compliance.detail.decision.readOnly);
    expect(await page.getByTestId('finding-decision').locator('form').count()).toBe(0);
    expect(await page.getByTestId('evidence-form').count()).toBe(0);
    // The same finding in Chinese: rule name and facts from the zh-CN templates.
    await page.goto(`${api().baseUrl}/compliance/findings/${mismatchId}`);
    await page.getByTestId('finding-facts').waitFor({ timeout: 15_000 });
    await page.getByLabel(en.language.label).selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('finding-facts').textContent()).toBe('C2 客户购买 R4 产品（最高允许 R2）；风险等级取自销售日生效的客户数据');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(zhCN.compliance.rules.RISK_MISMATCH);
    await page.screenshot({ path: join(SCREENSHOTS, 'compliance-zh-CN-finding.png'), fullPage: true });
    await page.getByLabel(zhCN.language.label).selectOption('en');
    await page.goto(`${api().baseUrl}/compliance/findings`);
    await page.locator(`[data-finding-id="${mismatchId}"]`).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('findings-table').getByRole('checkbox').count()).toBe(0);
    expect(await page.getByTestId('bulk-decision').count()).toBe(0);
    await page.context().close();
  });

  it('shows marketing the forbidden view for the same finding and refuses its decision with 403', async () => {
    const page = await signedInPage(marketing, `/compliance/findings/${affordabilityId}`);
    await page.getByRole('heading', { name: en.forbidden.title }).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('finding-detail').count()).toBe(0);
    expect(await page.getByRole('link', { name: en.nav.compliance }).count()).toBe(0);
    await page.context().close();

    const before = await detailOf(mismatchId);
    const marketingToken = await apiLogin(api().baseUrl, marketing);
    const response = await fetch(`${api().baseUrl}/api/v1/compliance/findings/${affordabilityId}/decisions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${marketingToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ decision: 'approve', reason: 'Marketing trying to clear its own campaign' }),
    });
    expect(response.status).toBe(403);
    expect(errorEnvelopeSchema.parse(await response.json()).error.code).toBe('FORBIDDEN');
    const after = await detailOf(affordabilityId);
    expect(after.finding.status).toBe('rejected');
    expect(after.history).toHaveLength(1);
    expect((await detailOf(mismatchId)).history).toHaveLength(before.history.length);
  });
});
