import { ingestionRejectListSchema, ingestionRunSchema, type IngestionRejectListDto, type IngestionRunDto } from '@banca/contracts';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount } from '../src/format/number.format';
import { en } from '../src/i18n/locales/en';
import { zhCN } from '../src/i18n/locales/zh-CN';
import { launchChromium } from './support/browser';
import { parseCsv } from './support/csv';
import { assertBuilt, createUser, newDataDir, startPlatform, type Platform } from './support/platform';
import { apiGet, apiLogin, signInThroughForm, type TestUser } from './support/session';

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/dashboards', import.meta.url));
const marketing: TestUser = { username: 'e2e-marketing', role: 'marketing', password: randomBytes(18).toString('base64url') };
const manager: TestUser = { username: 'e2e-manager', role: 'manager', password: randomBytes(18).toString('base64url') };

const HEADER = 'customer_id,region,branch_code,household_annual_income,investable_assets,risk_level,consent_data_sharing';
const GOOD_CSV = [
  HEADER,
  '110101199001010011,Beijing,BJ-001,300000,6000000,C4,Y',
  '110101199001010022,Beijing,BJ-002,250000,800000,C3,Y',
  '310101198505050033,Shanghai,SH-001,120000,20000,C2,N',
  '310101198505050044,Shanghai,SH-001,80000,5000,C1,Y',
].join('\n');
// Line 3: not an amount; line 4: no customer id; line 5: a risk level that does not exist. The other four
// load (3 bad rows of 7 stay under the platform's default limit of half the file).
const BAD_CSV = [
  HEADER,
  '440101197001010055,Guangzhou,GZ-001,150000,300000,C3,Y',
  '440101197001010066,Guangzhou,GZ-001,about 1 million,300000,C3,Y',
  ',Guangzhou,GZ-002,150000,300000,C3,Y',
  '440101197001010077,Guangzhou,GZ-002,150000,300000,C9,Y',
  '440101197001010088,Guangzhou,GZ-002,90000,100000,C2,Y',
  '440101197001010099,Guangzhou,GZ-003,95000,110000,C2,N',
  '440101197001010100,Guangzhou,GZ-003,99000,120000,C3,Y',
].join('\n');
const BIG_ROWS = 150_000;

let platform: Platform | undefined;
let browser: Browser | undefined;
let page: Page;
let token: string;

function api(): Platform {
  if (!platform) throw new Error('platform not started');
  return platform;
}

function fetchRun(id: string): Promise<IngestionRunDto> {
  return apiGet(api().baseUrl, token, `/ingestions/${id}`, ingestionRunSchema);
}

function fetchRejects(id: string): Promise<IngestionRejectListDto> {
  return apiGet(api().baseUrl, token, `/ingestions/${id}/rejects?limit=1000`, ingestionRejectListSchema);
}

function bigCustomersCsv(rows: number): string {
  const lines = [HEADER];
  for (let index = 0; index < rows; index += 1) {
    const id = `9${String(index).padStart(17, '0')}`;
    lines.push(`${id},Region-${index % 7},BR-${index % 31},${(index % 50) * 10_000},${(index % 90) * 100_000},C${(index % 5) + 1},Y`);
  }
  return lines.join('\n');
}

/** Chooses the file, sends it through the form and returns the id of the run the page opens. */
async function uploadThroughPage(name: string, content: string): Promise<string> {
  const before = new URL(page.url()).searchParams.get('run');
  await page.getByLabel(en.data.upload.file, { exact: true }).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
  await page.getByRole('button', { name: en.data.upload.submit }).click();
  await page.waitForURL((url) => {
    const run = url.searchParams.get('run');
    return run !== null && run !== before;
  });
  const runId = new URL(page.url()).searchParams.get('run');
  if (!runId) throw new Error('the page did not open the new run');
  return runId;
}

async function detailCount(name: 'read' | 'inserted' | 'updated' | 'unchanged' | 'rejected' | 'skipped'): Promise<string | null> {
  return page.getByTestId(`run-count-${name}`).textContent();
}

async function waitForCompleted(runId: string, timeout = 60_000): Promise<void> {
  const row = page.locator(`[data-testid="runs-table"] tr[data-run-id="${runId}"]`);
  await expect.poll(() => row.getAttribute('data-status'), { timeout, interval: 200 }).toBe('completed');
  await expect.poll(() => page.getByTestId('run-detail').getByTestId('run-status').textContent(), { timeout: 10_000 }).toBe(en.data.status.completed);
}

describe('Data page (browser, real platform)', () => {
  beforeAll(async () => {
    assertBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    const dataDir = newDataDir();
    createUser(dataDir, marketing);
    createUser(dataDir, manager);
    // No demo customers: the runs table holds exactly the loads this test makes.
    platform = await startPlatform(dataDir, { BANCA_DEMO: 'off' });
    token = await apiLogin(platform.baseUrl, marketing);
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'en-US', viewport: { width: 1360, height: 1000 }, acceptDownloads: true });
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('marketing loads a customers file through the form and sees the run complete with its counts', async () => {
    await signInThroughForm(page, api().baseUrl, '/data', marketing);
    await expect.poll(() => page.getByRole('status').filter({ hasText: en.data.runs.empty }).count()).toBe(1);

    const runId = await uploadThroughPage('partner-a-customers.csv', GOOD_CSV);
    await waitForCompleted(runId);

    expect(await detailCount('read')).toBe('4');
    expect(await detailCount('inserted')).toBe('4');
    expect(await detailCount('unchanged')).toBe('0');
    expect(await detailCount('rejected')).toBe('0');
    const row = page.locator(`[data-testid="runs-table"] tr[data-run-id="${runId}"]`);
    expect(await row.locator('th').textContent()).toBe('partner-a-customers.csv');
    expect(await row.locator('td[data-count="inserted"]').textContent()).toBe('4');
    // the rejects panel loads after the run completes: wait for its answer before checking it is empty
    await expect.poll(() => page.getByText(en.data.rejects.none).count()).toBe(1);
    expect(await page.getByTestId('rejects-table').count()).toBe(0);

    const run = await fetchRun(runId);
    expect(run).toMatchObject({ status: 'completed', fileName: 'partner-a-customers.csv', counts: { read: 4, inserted: 4, rejected: 0 } });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SCREENSHOTS, 'data-en-completed.png'), fullPage: true });
  });

  it('loads the same file again as unchanged rows, inserting nothing', async () => {
    const runId = await uploadThroughPage('partner-a-customers.csv', GOOD_CSV);
    await waitForCompleted(runId);
    expect(await detailCount('read')).toBe('4');
    expect(await detailCount('inserted')).toBe('0');
    expect(await detailCount('updated')).toBe('0');
    expect(await detailCount('unchanged')).toBe('4');
    expect((await fetchRun(runId)).counts).toMatchObject({ inserted: 0, unchanged: 4 });
  });

  it('shows a live progress bar while a large file loads, and stops polling the run once it completed', async () => {
    const runId = await uploadThroughPage('partner-b-large.csv', bigCustomersCsv(BIG_ROWS));
    const row = page.locator(`[data-testid="runs-table"] tr[data-run-id="${runId}"]`);
    const bar = row.locator('[role="progressbar"]');
    await expect.poll(() => bar.count(), { timeout: 10_000, interval: 50 }).toBe(1);
    expect(await bar.getAttribute('aria-label')).toBe('Loading partner-b-large.csv');

    const seen: number[] = [];
    const deadline = Date.now() + 120_000;
    while ((await row.getAttribute('data-status')) !== 'completed' && Date.now() < deadline) {
      const now = await bar.getAttribute('aria-valuenow', { timeout: 1_000 }).catch(() => null);
      if (now !== null) {
        const value = Number(now);
        if (value > 0 && value < 100 && !seen.some((earlier) => earlier > 0)) {
          // Past the bar's 0.4 s width transition, so the picture shows the value the text says.
          await page.waitForTimeout(450);
          await page.screenshot({ path: join(SCREENSHOTS, 'data-en-progress.png'), fullPage: true });
        }
        seen.push(value);
      }
      await page.waitForTimeout(150);
    }
    await waitForCompleted(runId, 5_000);
    // The bar followed the job: it moved, never backwards, and the finished row has none.
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBeGreaterThan(1);
    await expect.poll(() => bar.count()).toBe(0);
    expect(await detailCount('read')).toBe(formatCount(BIG_ROWS, 'en'));
    expect(await detailCount('inserted')).toBe(formatCount(BIG_ROWS, 'en'));
    expect((await fetchRun(runId)).counts).toMatchObject({ read: BIG_ROWS, inserted: BIG_ROWS, rejected: 0 });

    // Once completed, nothing polls the run any more.
    const polls: string[] = [];
    const onRequest = (request: { url: () => string }) => {
      if (request.url().includes(`/api/v1/ingestions/${runId}`)) polls.push(request.url());
    };
    page.on('request', onRequest);
    await page.waitForTimeout(3_000);
    page.off('request', onRequest);
    expect(polls).toEqual([]);
  });

  it('lists the rows of a file with bad values and downloads them as a CSV that matches the API', async () => {
    const runId = await uploadThroughPage('partner-c-bad-rows.csv', BAD_CSV);
    await waitForCompleted(runId);
    expect(await detailCount('read')).toBe('7');
    expect(await detailCount('inserted')).toBe('4');
    expect(await detailCount('rejected')).toBe('3');

    const rejects = await fetchRejects(runId);
    expect(rejects.rejects.map((reject) => [reject.line, reject.field])).toEqual([
      [3, 'household_annual_income'],
      [4, 'customer_id'],
      [5, 'risk_level'],
    ]);
    const table = page.getByTestId('rejects-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(3);
    const shown = await table.locator('tbody tr').evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll('td'), (cell) => cell.textContent ?? '')),
    );
    expect(shown).toEqual(
      rejects.rejects.map((reject) => [String(reject.line), reject.field, reject.value ?? en.data.rejects.empty, reject.reason]),
    );
    expect(await page.getByTestId('rejects-range').textContent()).toBe('Rows 1–3 of 3');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-rejects').click()]);
    const path = await download.path();
    const csv = parseCsv(readFileSync(path, 'utf8')).filter((cells) => cells.some((cell) => cell !== ''));
    const [header, ...lines] = csv;
    if (!header) throw new Error('the rejects CSV is empty');
    const column = (name: string) => {
      const index = header.indexOf(name);
      expect(index, `column ${name} in ${header.join(',')}`).toBeGreaterThanOrEqual(0);
      return index;
    };
    const [line, field, reason] = [column('line'), column('field'), column('reason')];
    expect(lines.map((cells) => [Number(cells[line]), cells[field], cells[reason]])).toEqual(
      rejects.rejects.map((reject) => [reject.line, reject.field, reject.reason]),
    );
    // The file carries no raw identifier, not even the rejected rows'.
    expect(readFileSync(path, 'utf8')).not.toMatch(/4401011970010100\d\d/);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);

    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SCREENSHOTS, 'data-en-rejects.png'), fullPage: true });
  });

  it('says why a file that is not of the chosen data type failed, and that it wrote nothing', async () => {
    await page.getByLabel(en.data.upload.entity).selectOption('products');
    const runId = await uploadThroughPage('customers-as-products.csv', GOOD_CSV);
    const row = page.locator(`[data-testid="runs-table"] tr[data-run-id="${runId}"]`);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 60_000, interval: 200 }).toBe('failed');
    const run = await fetchRun(runId);
    expect(run.status).toBe('failed');
    expect(run.error).not.toBeNull();
    await expect.poll(() => page.getByTestId('run-error').locator('.error-message__text').textContent()).toBe(run.error);
    expect(await detailCount('inserted')).toBe('0');
    expect(await row.locator('td').nth(0).textContent()).toBe(en.data.entities.products);
    await page.getByLabel(en.data.upload.entity).selectOption('customers');
  });

  it('loads a partner file through a mapping file, and refuses a mapping with a mistake before sending', async () => {
    const mappingInput = page.getByLabel(en.data.upload.mapping);
    await mappingInput.setInputFiles({ name: 'typo.json', mimeType: 'application/json', buffer: Buffer.from('{"colums":{"cust_no":"customer_id"}}') });
    await expect.poll(() => page.getByTestId('mapping-help').textContent()).toContain('typo.json is not a valid mapping:');
    expect(await page.getByTestId('mapping-help').textContent()).toContain('colums');
    await page.getByLabel(en.data.upload.file, { exact: true }).setInputFiles({ name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD_CSV) });
    expect(await page.getByRole('button', { name: en.data.upload.submit }).isDisabled()).toBe(true);

    const mapping = {
      entity: 'customers',
      description: 'Partner B monthly export',
      columns: { cust_no: 'customer_id', area: 'region', assets: 'investable_assets', shares_data: 'consent_data_sharing' },
      values: { consent_data_sharing: { yes: true, no: false } },
    };
    await mappingInput.setInputFiles({ name: 'partner-b.mapping.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(mapping)) });
    await expect.poll(() => page.getByTestId('mapping-help').textContent()).toBe('partner-b.mapping.json is a valid mapping.');
    const runId = await uploadThroughPage(
      'partner-b-export.csv',
      ['cust_no,area,assets,shares_data', '320101198001010011,Jiangsu,7000000,yes', '320101198001010022,Jiangsu,30000,no'].join('\n'),
    );
    await waitForCompleted(runId);
    expect(await detailCount('read')).toBe('2');
    expect(await detailCount('inserted')).toBe('2');
    expect(await detailCount('rejected')).toBe('0');
    expect(await page.getByTestId('run-mapping').locator('summary').textContent()).toBe('Mapping: Partner B monthly export');
    expect((await fetchRun(runId)).mapping?.columns).toEqual(mapping.columns);
  });

  it('shows the page in Chinese', async () => {
    await page.getByLabel(en.language.label).selectOption('zh-CN');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(zhCN.data.title);
    expect(await page.getByRole('button', { name: zhCN.data.upload.submit }).count()).toBe(1);
    expect(await page.getByTestId('run-detail').getByTestId('run-status').textContent()).toBe(zhCN.data.status.completed);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SCREENSHOTS, 'data-zh-CN.png'), fullPage: true });
    await page.getByLabel(zhCN.language.label).selectOption('en');
  });

  it('lets a manager read the runs and their rejects, without an upload form', async () => {
    if (!browser) throw new Error('browser not started');
    const managerPage = await browser.newPage({ locale: 'en-US', viewport: { width: 1360, height: 900 } });
    try {
      await signInThroughForm(managerPage, api().baseUrl, '/data', manager);
      await expect.poll(() => managerPage.locator('[data-testid="runs-table"] tbody tr').count()).toBe(6);
      expect(await managerPage.getByTestId('upload-form').count()).toBe(0);
      expect(await managerPage.getByRole('button', { name: en.data.upload.submit }).count()).toBe(0);
      await managerPage.getByRole('link', { name: 'partner-c-bad-rows.csv' }).click();
      await expect.poll(() => managerPage.getByTestId('rejects-table').locator('tbody tr').count()).toBe(3);
    } finally {
      await managerPage.close();
    }
  });
});
