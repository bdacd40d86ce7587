/**
 * The hover and lens text over real stdio, per site kind: one screen (a pinned row budget), the
 * answer first, markdown that nothing from the source can break (issue 16, item 8), unknown sizes
 * that say what is missing and what would settle it, and lenses grouped per line.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CodeLens, Hover } from 'vscode-languageserver-protocol';
import { HOVER_CASES, HOVER_FILES, KINDS_RS } from './hover-cases.js';
import { LspTestClient } from './lsp-client.js';

let work: string;
let client: LspTestClient;
const uris: Record<string, string> = {};
const texts: Record<string, string> = {};

const hoverText = (h: Hover | null): string => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');
const hoverAt = async (file: string, line: number, needle: string): Promise<string> => {
  const character = texts[file]!.split('\n')[line - 1]!.indexOf(needle);
  expect(character, `${needle} on ${file}:${line}`).toBeGreaterThanOrEqual(0);
  return hoverText((await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uris[file] }, position: { line: line - 1, character } })) as Hover | null);
};
const lensTitles = async (file: string) =>
  ((await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: uris[file] } })) as CodeLens[]).map((l) => `${l.range.start.line + 1} ${l.command?.title}`);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kalloc-hover-'));
  cpSync('examples', work, { recursive: true });
  writeFileSync(join(work, 'ring/kinds.rs'), KINDS_RS);
  client = LspTestClient.start();
  await client.initialize(work, { editor: { simulateCommand: 'kallocLens.simulateAt' } });
  await client.indexed();
  for (const [file, inExamples] of Object.entries(HOVER_FILES)) {
    const path = join(work, inExamples);
    texts[file] = (await import('node:fs')).readFileSync(path, 'utf8');
    uris[file] = await client.open(path, texts[file]!);
    await client.until(() => client.lastDiagnostics(uris[file]!));
  }
}, 60_000);

afterAll(async () => {
  await client?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Rows as the hover shows them: one per Markdown line. */
const rowCount = (text: string) => text.split('\n').length;
/** One row without its hard-break spaces. */
const rowOf = (text: string, label: string) =>
  text
    .split('\n')
    .find((l) => l.startsWith(`**${label}**`))
    ?.trimEnd();

const markdown = new MarkdownIt({ html: true, linkify: true });

/** Every link, image, HTML and code block in the rendered hover. */
function rendered(text: string) {
  const found = { links: [] as string[], images: 0, html: 0, blocks: 0 };
  const walk = (tokens: ReturnType<typeof markdown.parse>) => {
    for (const t of tokens) {
      if (t.type === 'link_open') found.links.push(t.attrGet('href') ?? '');
      if (t.type === 'image') found.images++;
      if (t.type === 'html_inline' || t.type === 'html_block') found.html++;
      if (t.type === 'fence' || t.type === 'code_block') found.blocks++;
      if (t.children) walk(t.children);
    }
  };
  walk(markdown.parse(text, {}));
  return found;
}

describe('hover: one screen, the answer first', () => {
  const cases = HOVER_CASES.map((c) => [c.kind, c.file, c.line, c.needle, c.budget, c.expected] as const);
  test.each(cases)('%s: within its row budget, the headline first', async (_kind, file, line, needle, budget, expected) => {
    const text = await hoverAt(file, line, needle);
    expect(text).toMatch(expected);
    expect(rowCount(text), text).toBeLessThanOrEqual(budget);
    expect(text.split('\n')[0]).toMatch(/^\*\*`[^`]+`\*\* · (Kmalloc|Vmalloc|KVmalloc|kmem_cache|page_alloc|dma) · /);
    // The last row: the target, and the simulate view for everything else.
    expect(text.split('\n').at(-1)).toMatch(/^x86_64 · 4 KiB pages · 8 CPUs · kernel 7\.1\.5 · C types `bundled: x86_64-defconfig-7\.1\.5` · \[Simulate\]\(command:kallocLens\.simulateAt\?/);
  });

  test('the chain is one line of key frames, each linked to the kernel source at the version', async () => {
    const text = await hoverAt('ring.rs', 39, 'KVec');
    const chain = rowOf(text, 'chain')!;
    expect(chain.replace(/\]\([^)]*\)/g, ']')).toBe('**chain** [`KVec::with_capacity`] → [`Vec::reserve`] → … → [`rust_helper_krealloc_node_align`] → [`krealloc_node_align_noprof`] → kmalloc-4k');
    expect(rendered(text).links).toEqual(
      expect.arrayContaining(['https://elixir.bootlin.com/linux/v7.1.5/source/rust/kernel/alloc/kvec.rs', 'https://elixir.bootlin.com/linux/v7.1.5/A/ident/krealloc_node_align_noprof']),
    );
  });

  test('one line says where the other profiles disagree, and none when they agree', async () => {
    expect(rowOf(await hoverAt('ring.rs', 45, 'KVec'), 'profiles')).toBe('**profiles** arm64-16k: order-2 pages · 64 KiB; arm64-64k: kmalloc-64k · no waste');
    expect(rowOf(await hoverAt('ring.rs', 97, 'KVec'), 'profiles')).toBeUndefined();
  });

  test('a site that sleeps under a lock says whether it can be allocated before the lock, and why not', async () => {
    expect(rowOf(await hoverAt('ring.rs', 60, 'pending'), 'lock')).toBe('**lock** cannot allocate before it: it grows `guard.pending`, reached through the guard taken at line 59');
    expect(rowOf(await hoverAt('device.rs', 53, 'devres::'), 'lock')).toBe('**lock** the Quick Fix allocates before it (above line 52)');
    // No lock, no row.
    expect(rowOf(await hoverAt('ring.rs', 39, 'KVec'), 'lock')).toBeUndefined();
  });

  test('the diagnostic message is not repeated in the hover', async () => {
    const costly = client.lastDiagnostics(uris['ring.rs']!)!.diagnostics.find((d) => d.code === 'kmalloc-costly-order')!;
    const text = await hoverAt('ring.rs', 45, 'KVec');
    expect(text).not.toContain('PAGE_ALLOC_COSTLY_ORDER (3)');
    expect(costly.message).toContain('PAGE_ALLOC_COSTLY_ORDER (3)');
  });

  test('one rounding of waste: lens, hover and diagnostic all say 41%', async () => {
    expect(await lensTitles('ring.rs')).toContain('39 kmalloc-4k · 1696 B waste (41%)');
    expect(await hoverAt('ring.rs', 39, 'KVec')).toContain('(41%)');
    expect(client.lastDiagnostics(uris['ring.rs']!)!.diagnostics.find((d) => d.range.start.line === 38)!.message).toContain('(41%)');
  });

  test('plurals: one page, one element', async () => {
    const titles = await lensTitles('buffers.rs');
    expect(titles).toContain('27 vmalloc · 1 page + guard');
    expect(titles.join('\n')).not.toMatch(/\b1 pages\b/);
    expect(await hoverAt('buffers.rs', 24, 'VBox')).toContain('1 page + a guard page');
  });

  test('KVVec says when kmalloc is tried: always first, failing at once over KMALLOC_MAX_SIZE', async () => {
    const text = await hoverAt('buffers.rs', 30, 'KVVec::');
    expect(text).not.toMatch(/not tried/);
    expect(text).toMatch(/\*\*lands\*\* vmalloc · 2048 pages \+ a guard page · huge mapping \(2 MiB\)/);
  });

  test("flags from a parameter are the caller's, said once in the headline", async () => {
    const text = await hoverAt('buffers.rs', 30, 'KVVec::');
    expect(text.split('\n')[0]).toContain("`gfp` (the caller's; shown for GFP_KERNEL)");
    expect(text.match(/caller/g)).toHaveLength(1);
  });
});

describe('hover: unknown sizes say what is missing and what settles it', () => {
  test('an element type that is not written: the binding named, an annotation or the type-sizes file offered, the allocator path shown', async () => {
    const text = await hoverAt('kinds.rs', 5, 'all_threads');
    expect(text).toMatch(/\*\*size\*\* unknown: the element type of `all_threads` is not written here/);
    expect(text).toMatch(/\*\*settle\*\* a type annotation .*kallocLens\.typeSizesFile/);
    expect(text).toMatch(/\*\*known\*\* kmalloc: slab up to 8 KiB, pages up to 4 MiB, fails above/);
    expect(text).not.toMatch(/depends on the size/);
  });
});

describe('hover markdown: nothing from the source escapes (issue 16, item 8)', () => {
  test('a count whose comment holds ``` , a link, an image and HTML renders as text', async () => {
    const text = await hoverAt('kinds.rs', 12, 'KVec::');
    expect(text).toContain('evil.example');
    const found = rendered(text);
    expect(found.images).toBe(0);
    expect(found.html).toBe(0);
    expect(found.blocks).toBe(0);
    expect(found.links.filter((href) => !href.startsWith('https://elixir.bootlin.com/') && !href.startsWith('command:kallocLens.simulateAt?'))).toEqual([]);
    expect(text.split('\n').some((l) => l.startsWith('```'))).toBe(false);
  });
});

describe('code lenses', () => {
  test('a push shows its growth summary, not "size unknown"; a site of unknown size only Simulate', async () => {
    const titles = await lensTitles('ring.rs');
    expect(titles).toContain('60 slab to 1024 el.');
    expect(titles.join('\n')).not.toMatch(/size unknown/);
    const kinds = await lensTitles('kinds.rs');
    expect(kinds.filter((t) => t.startsWith('5 '))).toEqual(['5 Simulate']);
  });

  test('a call whose data is 0 B still names its other allocation (devres: the action node)', async () => {
    expect(await lensTitles('device.rs')).toContain('53 data 0 B · also kmalloc-64');
  });

  test('sites on one line share one lens line and one Simulate', async () => {
    const line20 = (await lensTitles('kinds.rs')).filter((t) => t.startsWith('20 '));
    expect(line20).toEqual(['20 reserve, extend_from_slice, push: slab to 4096 el.', '20 Simulate']);
  });
});

describe("session target (the profile picker's default)", () => {
  test('kalloc-lens/sessionTarget re-targets the answers without settings, and {} ends it', async () => {
    await client.connection.sendNotification('kalloc-lens/sessionTarget', { profile: 'arm64-64k', nrCpus: 2 });
    const text = await client.eventually(async () => {
      const h = await hoverAt('ring.rs', 39, 'KVec');
      return /^arm64-64k · 64 KiB pages · 2 CPUs/m.test(h) ? h : null;
    });
    expect(text).toMatch(/\*\*lands\*\* kmalloc-4k/);
    await client.connection.sendNotification('kalloc-lens/sessionTarget', {});
    await client.eventually(async () => /^x86_64 · 4 KiB pages · 8 CPUs/m.test(await hoverAt('ring.rs', 39, 'KVec')));
  });
});

describe('type hover', () => {
  test('a kernel type row reads as a link to its line, not a blob hash', async () => {
    const text = await hoverAt('ring.rs', 15, 'Inner');
    expect(text).toMatch(/read from \[`kvec\.rs:107`\]\(https:\/\/elixir\.bootlin\.com\/linux\/v7\.1\.5\/source\/rust\/kernel\/alloc\/kvec\.rs#L107\) \(struct Vec\)/);
    expect(text).not.toMatch(/\([0-9a-f]{12}\)/);
  });
});
