import { join } from 'node:path';
import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { ORIGINS } from '../../demo/origins.mjs';

export { ORIGINS };

/** Settings of the console, as its radios (and URL) name them. */
export interface Setup {
  crm?: 'elements' | 'plain' | 'legacy';
  crmHost?: 'ip' | 'name';
  form?: 'bridge' | 'kept' | 'unlisted' | 'legacy';
  hostile?: 'c' | 'b' | 'suffix' | 'glued' | 'off';
  platform?: 'succeed' | 'fail' | 'never';
}

/** Handles on the console and the frames inside it. */
export interface Demo {
  page: Page;
  form: FrameLocator;
  crm: FrameLocator;
  hostile: FrameLocator;
  /** Rows of the message log. */
  log: Locator;
  /** Entries of the platform-calls panel. */
  calls: Locator;
}

/**
 * Opens the console with these settings through its link (`/?crm=plain&platform=fail`), so the
 * log holds only this setup's messages; `console.spec.ts` switches the same settings by clicking.
 */
export async function openConsole(page: Page, setup: Setup = {}): Promise<Demo> {
  await page.goto(`${ORIGINS.console}/?${new URLSearchParams(setup as Record<string, string>)}`);
  for (const [name, value] of Object.entries(setup)) await expect(page.locator(`#controls input[name="${name}"][value="${value}"]`)).toBeChecked();
  const form = page.frameLocator('#form');
  return { page, form, crm: form.frameLocator('#crm'), hostile: form.frameLocator('#hostile'), log: page.locator('#log > li'), calls: page.locator('#calls > li') };
}

/** Waits until the CRM page says its client finished the handshake with the form's bridge. */
export async function connected(demo: Demo): Promise<void> {
  await expect(demo.crm.locator('#connection')).toContainText('Connected to');
}

/** Rows of the log with this verdict (accepted, rejected, reply-ok, reply-error, ignored, unchecked) and optional code. */
export function rows(demo: Demo, verdict: string, code?: string): Locator {
  return demo.page.locator(`#log > li[data-verdict="${verdict}"]${code ? `[data-code="${code}"]` : ''}`);
}

/** The value the platform received for one argument of the n-th call (1-based). */
export function arg(demo: Demo, call: number, name: string): Locator {
  return demo.calls.nth(call - 1).locator(`tr[data-arg="${name}"] td`);
}

/** Saves the flow's screenshot under demo/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(import.meta.dirname, '../../demo/screenshots', `${name}.png`) });
}
