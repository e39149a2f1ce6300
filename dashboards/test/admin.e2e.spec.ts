import {
  auditLogListResponseSchema,
  complianceRuleSetListSchema,
  errorEnvelopeSchema,
  userRecordSchema,
  type ComplianceRuleSetListDto,
} from '@banca/contracts';
import { DEFAULT_COMPLIANCE_SETTINGS } from '@banca/domain';
import { tableFromIPC } from 'apache-arrow';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { en } from '../src/i18n/locales/en';
import { zhCN } from '../src/i18n/locales/zh-CN';
import { launchChromium } from './support/browser';
import { parseCsv } from './support/csv';
import { assertBuilt, createUser, newDataDir, startPlatform, type Platform } from './support/platform';
import { apiGet, apiLogin, signInThroughForm, type TestUser } from './support/session';

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/dashboards', import.meta.url));
const password = () => randomBytes(18).toString('base64url');
const admin: TestUser = { username: 'e2e-admin', role: 'admin', password: password() };
const compliance: TestUser = { username: 'e2e-compliance', role: 'compliance', password: password() };
const manager: TestUser = { username: 'e2e-manager', role: 'manager', password: password() };

let platform: Platform | undefined;
let browser: Browser | undefined;

function api(): Platform {
  if (!platform) throw new Error('platform not started');
  return platform;
}

async function newPage(): Promise<Page> {
  if (!browser) throw new Error('browser not started');
  return browser.newPage({ locale: 'en-US', viewport: { width: 1360, height: 1000 }, acceptDownloads: true });
}

/** POST as a test client, returning the status and the parsed JSON body, for answers the test expects to be refused. */
async function post(token: string, path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${api().baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

describe('Settings and administration pages (browser, real platform)', () => {
  beforeAll(async () => {
    assertBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    const dataDir = newDataDir();
    for (const user of [admin, compliance, manager]) createUser(dataDir, user);
    // No demo data: these pages read users, tokens, rule versions and the audit log, not customers.
    platform = await startPlatform(dataDir, { BANCA_DEMO: 'off' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('as admin, creates a user with a generated password, disables them after confirming, and finds both in the audit log', async () => {
    const page = await newPage();
    try {
      await signInThroughForm(page, api().baseUrl, '/admin/users', admin);
      const form = page.getByTestId('create-user');
      await form.getByLabel(en.admin.users.create.username, { exact: true }).fill('e2e.analyst');
      await form.getByLabel(en.admin.users.create.displayName, { exact: true }).fill('E2E Analyst');
      await form.getByLabel(en.admin.users.create.role).selectOption('marketing');
      await form.getByRole('button', { name: en.admin.users.create.submit }).click();

      // The generated password is shown once, and it is the real one: it opens a session.
      const shown = page.getByTestId('user-password-value');
      await expect.poll(() => shown.count(), { timeout: 15_000 }).toBe(1);
      const generated = (await shown.textContent()) ?? '';
      expect(generated.length).toBeGreaterThanOrEqual(12);
      const analyst: TestUser = { username: 'e2e.analyst', role: 'marketing', password: generated };
      await apiLogin(api().baseUrl, analyst);

      const adminToken = await apiLogin(api().baseUrl, admin);
      const users = await apiGet(api().baseUrl, adminToken, '/users', z.array(userRecordSchema));
      const created = users.find((user) => user.username === 'e2e.analyst');
      expect(created).toMatchObject({ displayName: 'E2E Analyst', role: 'marketing', disabledAt: null });
      const row = page.getByTestId('users-table').locator('tr[data-username="e2e.analyst"]');
      await expect.poll(() => row.getByTestId('user-status').textContent()).toBe(en.admin.users.list.active);
      await page.getByRole('button', { name: en.admin.secret.dismiss }).click();
      expect(await shown.count(), 'the password is gone once dismissed').toBe(0);

      // Disabling asks first; cancelling changes nothing.
      await row.getByRole('button', { name: en.admin.users.disable }).click();
      expect(await row.getByText('Disable e2e.analyst?', { exact: false }).count()).toBe(1);
      await row.getByRole('button', { name: en.admin.users.cancel }).click();
      expect((await apiGet(api().baseUrl, adminToken, '/users', z.array(userRecordSchema))).find((user) => user.id === created?.id)?.disabledAt).toBeNull();
      await row.getByRole('button', { name: en.admin.users.disable }).click();
      await row.getByRole('button', { name: en.admin.users.confirmDisableButton }).click();
      await expect.poll(() => row.getAttribute('data-disabled')).toBe('true');
      const disabled = (await apiGet(api().baseUrl, adminToken, '/users', z.array(userRecordSchema))).find((user) => user.id === created?.id);
      expect(disabled?.disabledAt).not.toBeNull();
      await expect(apiLogin(api().baseUrl, analyst)).rejects.toThrow(/answered 4\d\d/);
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(SCREENSHOTS, 'admin-en-users.png'), fullPage: true });

      // The audit log viewer, filtered through its form into the URL, shows both changes of this user.
      await page.getByRole('link', { name: en.nav.audit }).click();
      await page.waitForURL((url) => url.pathname === '/audit');
      const filters = page.getByTestId('audit-filters');
      await filters.getByLabel(en.audit.filters.action).fill('user.');
      await filters.getByLabel(en.audit.filters.entityId).fill(created?.id ?? '');
      await filters.getByRole('button', { name: en.audit.filters.apply }).click();
      await page.waitForURL((url) => url.searchParams.get('action') === 'user.' && url.searchParams.get('entityId') === created?.id);

      const logged = await apiGet(api().baseUrl, adminToken, `/audit?action=user.&entityId=${created?.id ?? ''}`, auditLogListResponseSchema);
      expect(logged.items.map((entry) => entry.action)).toEqual(['user.disable', 'user.create']);
      const rows = page.getByTestId('audit-table').locator('tbody tr[data-entry-id]');
      await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action'))), { timeout: 15_000 }).toEqual([
        'user.disable',
        'user.create',
      ]);
      const disableRow = rows.first();
      expect(await disableRow.getByTestId('audit-actor').textContent()).toContain(en.roles.admin);
      await disableRow.getByRole('button', { name: en.audit.table.show }).click();
      const diff = page.getByTestId('audit-diff');
      const disabledAt = diff.locator('tr[data-path="disabledAt"]');
      await expect.poll(() => disabledAt.count()).toBe(1);
      expect(await disabledAt.getAttribute('data-kind')).toBe('changed');
      expect(await disabledAt.getByTestId('diff-before').textContent()).toBe('null');
      expect(await disabledAt.getByTestId('diff-after').textContent()).toBe(String(logged.items[0]?.after?.disabledAt));
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(SCREENSHOTS, 'admin-en-audit.png'), fullPage: true });

      // The export holds the same entries as the filtered table, as CSV and as Arrow.
      const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export-csv').click()]);
      const csvRows = parseCsv(readFileSync(await csvDownload.path(), 'utf8')).filter((cells) => cells.some((cell) => cell !== ''));
      const actionColumn = csvRows[0]?.indexOf('action') ?? -1;
      expect(actionColumn, `a column named action in ${JSON.stringify(csvRows[0])}`).toBeGreaterThanOrEqual(0);
      expect(csvRows.slice(1).map((cells) => cells[actionColumn])).toEqual(['user.disable', 'user.create']);
      const [arrowDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export-arrow').click()]);
      expect(tableFromIPC(readFileSync(await arrowDownload.path())).numRows).toBe(2);
    } finally {
      await page.close();
    }
  });

  it('as admin, creates an API token that is shown once and works until it is revoked', async () => {
    const page = await newPage();
    try {
      await signInThroughForm(page, api().baseUrl, '/admin/tokens', admin);
      const form = page.getByTestId('create-token');
      await form.getByLabel(en.admin.tokens.create.name, { exact: true }).fill('E2E insurer feed');
      await form.getByLabel(en.admin.tokens.create.role).selectOption('marketing');
      await form.getByRole('button', { name: en.admin.tokens.create.submit }).click();
      const shown = page.getByTestId('new-token-value');
      await expect.poll(() => shown.count(), { timeout: 15_000 }).toBe(1);
      const token = (await shown.textContent()) ?? '';
      const asToken = () => fetch(`${api().baseUrl}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${token}` } }).then((response) => response.status);
      expect(await asToken()).toBe(200);

      const row = page.getByTestId('tokens-table').locator('tr[data-token-name="E2E insurer feed"]');
      await expect.poll(() => row.getByTestId('token-status').textContent()).toBe(en.admin.tokens.list.active);
      expect(token.startsWith(((await row.locator('code').textContent()) ?? '').replace('…', ''))).toBe(true);
      await page.getByRole('button', { name: en.admin.secret.dismiss }).click();
      expect(await page.getByTestId('new-token').count()).toBe(0);

      await row.getByRole('button', { name: en.admin.tokens.revoke }).click();
      await row.getByRole('button', { name: en.admin.tokens.confirmRevokeButton }).click();
      await expect.poll(() => row.getAttribute('data-revoked')).toBe('true');
      expect(await asToken()).toBe(401);
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(SCREENSHOTS, 'admin-en-tokens.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('as compliance, is told by field what the API refuses, then saves a new rule version and sees it listed', async () => {
    const page = await newPage();
    try {
      const token = await apiLogin(api().baseUrl, compliance);
      await signInThroughForm(page, api().baseUrl, '/settings/compliance-rules', compliance);
      const before: ComplianceRuleSetListDto = await apiGet(api().baseUrl, token, '/compliance/rule-sets', complianceRuleSetListSchema);
      const versions = page.getByTestId('rule-versions').locator('tbody tr');
      await expect.poll(() => versions.count(), { timeout: 15_000 }).toBe(before.versions.length);
      const current = before.versions.find((version) => version.inForce);
      expect(current).toBeDefined();
      expect(await page.getByTestId('setting-elderlyAge').textContent()).toContain(String(current?.settings.elderlyAge));

      await page.getByRole('button', { name: `New version from v${current?.version}` }).click();
      const editor = page.getByTestId('rule-version-editor');
      // A regular-premium elderly age above the elderly age is refused by the API, next to that field.
      const refused = await post(token, '/compliance/rule-sets', {
        settings: { ...current?.settings, elderlyRegularPremiumAge: (current?.settings.elderlyAge ?? 65) + 1 },
        effectiveFrom: '2030-01-01',
      });
      expect(refused.status).toBe(400);
      const envelope = errorEnvelopeSchema.parse(refused.body);
      expect(envelope.error.details?.field).toBe('settings.elderlyRegularPremiumAge');

      const regularAge = editor.locator('[data-setting="elderlyRegularPremiumAge"]');
      await regularAge.locator('input').fill(String((current?.settings.elderlyAge ?? 65) + 1));
      await editor.getByRole('button', { name: en.settings.editor.save }).click();
      await expect.poll(() => regularAge.getByTestId('field-issues').textContent(), { timeout: 15_000 }).toBe(envelope.error.message);
      expect((await apiGet(api().baseUrl, token, '/compliance/rule-sets', complianceRuleSetListSchema)).versions.length).toBe(before.versions.length);

      // The form's own check: a threshold that is not a number is named before anything is sent.
      const national = editor.locator('[data-setting="lowIncome.national"]');
      await national.locator('input').fill('a lot');
      await editor.getByRole('button', { name: en.settings.editor.save }).click();
      await expect.poll(() => national.getByTestId('field-issues').textContent()).toBe(en.settings.editor.problems.notNumber);

      // A valid version: elderly age 70, Shanghai's own low-income threshold, from 2030.
      await regularAge.locator('input').fill('60');
      await national.locator('input').fill('54,188');
      // The API's answer was about the value sent then: once that value is edited, its message goes.
      await expect.poll(() => regularAge.getByTestId('field-issues').count()).toBe(0);
      await editor.locator('[data-setting="elderlyAge"] input').fill('70');
      await editor.getByRole('button', { name: en.settings.regions.add }).click();
      await editor.getByLabel('Region name, row 1').fill('Shanghai');
      await editor.getByLabel('Threshold of row 1').fill('8.4834万');
      await editor.getByLabel(en.settings.editor.effectiveFrom).fill('2030-01-01');
      await editor.getByLabel(en.settings.editor.note, { exact: true }).fill('E2E: 2030 policy');
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(SCREENSHOTS, 'settings-en-editor.png'), fullPage: true });
      await editor.getByRole('button', { name: en.settings.editor.save }).click();

      await expect.poll(() => page.getByTestId('scan-started').count(), { timeout: 15_000 }).toBe(1);
      const after = await apiGet(api().baseUrl, token, '/compliance/rule-sets', complianceRuleSetListSchema);
      const saved = after.versions[0];
      expect(saved?.version).toBe((current?.version ?? 0) + 1);
      expect(saved).toMatchObject({ effectiveFrom: '2030-01-01', note: 'E2E: 2030 policy', inForce: false });
      expect(saved?.settings).toEqual({ ...current?.settings, elderlyAge: 70, lowIncome: { national: 54188, regions: { Shanghai: 84834 } } });
      expect(await page.getByTestId('scan-started').textContent()).toMatch(/\(job .+\)/);

      await page.waitForURL((url) => url.searchParams.get('version') === String(saved?.version));
      await expect.poll(() => versions.count()).toBe(after.versions.length);
      const listed = page.getByTestId('rule-versions').locator(`tr[data-version="${saved?.version}"]`);
      expect(await listed.getByTestId('version-note').textContent()).toBe('E2E: 2030 policy');
      expect(await listed.getAttribute('aria-selected')).toBe('true');
      expect(await page.getByTestId('setting-elderlyAge').textContent()).toContain('70');
      expect(await page.getByTestId('region-overrides').locator('tr[data-region="Shanghai"] td').textContent()).toBe('84,834');

      // "Reset to RULES.md defaults" fills the form from the defaults the API sends.
      await page.getByRole('button', { name: `New version from v${saved?.version}` }).click();
      await page.getByRole('button', { name: en.settings.editor.reset }).click();
      expect(await editor.locator('[data-setting="elderlyAge"] input').inputValue()).toBe(String(after.defaults.elderlyAge));
      expect(after.defaults.elderlyAge).toBe(DEFAULT_COMPLIANCE_SETTINGS.elderlyAge);
      expect(await editor.getByTestId('region-overrides').locator('tbody tr').count()).toBe(0);
      await editor.getByRole('button', { name: en.settings.editor.cancel }).click();
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(SCREENSHOTS, 'settings-en-versions.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('as manager, reads the rule settings without a way to change them and is refused the users page', async () => {
    const page = await newPage();
    try {
      await signInThroughForm(page, api().baseUrl, '/settings/compliance-rules', manager);
      await expect.poll(() => page.getByTestId('rule-settings').count(), { timeout: 15_000 }).toBe(1);
      expect(await page.getByTestId('settings-read-only').count()).toBe(1);
      expect(await page.getByRole('button', { name: /New version/ }).count()).toBe(0);
      expect(await page.getByTestId('rule-settings').locator('input, select').count(), 'no control to edit with').toBe(0);
      expect(await page.getByRole('link', { name: en.nav.users }).count()).toBe(0);
      expect(await page.getByRole('link', { name: en.nav.audit }).count()).toBe(0);

      await page.getByLabel(en.language.label).selectOption('zh-CN');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(zhCN.settings.title);
      expect(await page.getByTestId('settings-read-only').textContent()).toBe(zhCN.settings.readOnly);
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(SCREENSHOTS, 'settings-zh-CN-read-only.png'), fullPage: true });
      await page.getByLabel(zhCN.language.label).selectOption('en');

      await page.goto(`${api().baseUrl}/admin/users`);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(en.forbidden.title);
      const token = await apiLogin(api().baseUrl, manager);
      expect((await fetch(`${api().baseUrl}/api/v1/users`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(403);
      expect((await post(token, '/compliance/rule-sets', { settings: DEFAULT_COMPLIANCE_SETTINGS, effectiveFrom: '2031-01-01' })).status).toBe(403);
    } finally {
      await page.close();
    }
  });
});
