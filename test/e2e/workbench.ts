/**
 * What both code-server suites share: whether code-server and Chromium are here, and the two
 * workbench moves they make through the keyboard (a palette command, Go to Line).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** CI sets KALLOC_REQUIRE_E2E=1: there, a missing code-server fails instead of skipping. */
export const E2E_REQUIRED = process.env.KALLOC_REQUIRE_E2E === '1';
export const CODE_SERVER_READY = existsSync('.cache/code-server/.ready-4.100.3');
export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
export const SHOTS = 'test-results';
export const PACKAGE_VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

/** Palette and Go to Line on the page the suite opens in its beforeAll (hence the getter). */
export function workbench(page: () => Page): { command(title: string): Promise<void>; goTo(line: number, column: number): Promise<void> } {
  return {
    async command(title) {
      await page().keyboard.press('F1');
      await page().locator('.quick-input-widget input').fill(`>${title}`);
      await page().locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
    },
    async goTo(line, column) {
      await page().keyboard.press('Control+G');
      await page().locator('.quick-input-widget input').fill(`:${line}:${column}`);
      await page().keyboard.press('Enter');
    },
  };
}
