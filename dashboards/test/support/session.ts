import { loginResponseSchema } from '@banca/contracts';
import type { Page } from 'playwright-core';
import type { z } from 'zod';
import { en } from '../../src/i18n/locales/en';

export interface TestUser {
  username: string;
  role: string;
  password: string;
}

/** Signs in over the API, for the test's own calls that check what the page shows. */
export async function apiLogin(baseUrl: string, user: TestUser): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: user.username, password: user.password }),
  });
  if (response.status !== 200) throw new Error(`login of ${user.username} answered ${response.status}: ${await response.text()}`);
  return loginResponseSchema.parse(await response.json()).token;
}

/** Calls the API as a test client and parses the answer with the endpoint's contract. */
export async function apiGet<S extends z.ZodType>(baseUrl: string, token: string, path: string, schema: S): Promise<z.output<S>> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return schema.parse(await response.json());
}

export async function apiPost<S extends z.ZodType>(baseUrl: string, token: string, path: string, body: unknown, schema: S): Promise<z.output<S>> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return schema.parse(await response.json());
}

/** Opens `path`, is sent to the login page, signs in through the form (English UI) and lands back on `path`. */
export async function signInThroughForm(page: Page, baseUrl: string, path: string, user: TestUser): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL(/\/login/);
  await page.getByLabel(en.login.username).fill(user.username);
  await page.getByLabel(en.login.password).fill(user.password);
  await page.getByRole('button', { name: en.login.submit }).click();
  await page.waitForURL((url) => url.pathname === path.split('?')[0]);
}
