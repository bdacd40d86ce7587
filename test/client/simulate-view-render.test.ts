/**
 * The simulate view's script (client/media/simulate-view.js) drawn in headless Chromium from the
 * CLI's real trace of examples/kernel-apis/device.rs, with acquireVsCodeApi stubbed: a dedicated
 * cache as a slab of objects like a kmalloc one, a DMA buffer as its pages plus the table of paths
 * and conditions. Screenshots go to test-results/. Skipped, saying so, where Chromium is absent.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runCli } from '../cli/run-cli.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const SHOTS = 'test-results';
const FILE = 'examples/kernel-apis/device.rs';

if (!CHROMIUM) console.log('simulate-view-render: skipped: no Chromium at /usr/bin/chromium');

let browser: Browser | undefined;
let page: Page;

/** The view as the extension's host page loads it, with the host's `trace` message for a site. */
async function render(place: string, count: number): Promise<void> {
  const r = runCli('simulate', `${FILE}:${place}`, '--count', String(count), '--format', 'json');
  expect(r.stderr).toBe('');
  const { site, trace } = JSON.parse(r.stdout) as { site: unknown; trace: unknown };
  await page.setContent(`<!DOCTYPE html><html><head><style>${readFileSync('client/media/simulate-view.css', 'utf8')}</style></head><body><main id="root"></main></body></html>`);
  // The page's own scripts: strings, since this test is compiled without the DOM's types.
  await page.evaluate('window.posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(m) });');
  await page.addScriptTag({ content: readFileSync('client/media/simulate-view.js', 'utf8') });
  expect(await page.evaluate('window.posted')).toEqual([{ type: 'ready' }]);
  const message = { type: 'trace', result: { site, trace, chainPlaces: [] }, inWorkspace: [], inputs: {} };
  await page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);
  await page.locator('#root h1').waitFor();
}

describe.skipIf(!CHROMIUM)('the simulate view draws kernel-API sites', () => {
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 900, height: 1400 } });
    mkdirSync(SHOTS, { recursive: true });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  test('MapleTree::insert: the maple_node slab, 20 of its 32 objects in use, with the cache’s sheaves', async () => {
    await render('33:10', 20);
    expect(await page.locator('#root h1').textContent()).toBe('MapleTree::insert (line 33)');
    const lands = await page.locator('#root p', { hasText: 'a dedicated cache' }).textContent();
    expect(lands).toMatch(/^maple_node: a dedicated cache \(lib\/maple_tree\.c:5630\), 32 objects of 256 B in an order-1 slab \(8 KiB\)/);
    expect(lands).toMatch(/per-CPU sheaves of 32\. Object size from bundled:x86_64-defconfig-7\.1\.5\.$/);
    expect(await page.locator('svg[aria-label="slab of 32 objects, 20 used"] rect.used').count()).toBe(20);
    expect(await page.locator('svg[aria-label="slab of 32 objects, 20 used"] rect.free').count()).toBe(12);
    expect(await page.locator('#root p.hint', { hasText: 'at worst 94' }).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/simulate-view-maple-node.png`, fullPage: true });
  }, 60_000);

  test('Coherent::zeroed_slice: 16 pages of dma-direct, then every path with its condition', async () => {
    await render('43:17', 2);
    expect(await page.locator('#root p', { hasText: 'dma-direct' }).first().textContent()).toMatch(/64 KiB rounded to 64 KiB, one order-4 block of 16 pages/);
    const rows = await page.locator('table.dma-paths tr').allTextContents();
    expect(rows).toHaveLength(7);
    expect(rows[1]).toMatch(/^dma-direct \(stepped\)no IOMMU translates/);
    expect(await page.locator('table.dma-paths td:first-child').allTextContents()).toEqual(['dma-direct (stepped)', 'dev-coherent-pool', 'cma', 'swiotlb', 'atomic-pool', 'iommu']);
    expect(await page.locator('#root p.warning', { hasText: 'Order 4 is above PAGE_ALLOC_COSTLY_ORDER' }).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/simulate-view-dma.png`, fullPage: true });
  }, 60_000);
});
