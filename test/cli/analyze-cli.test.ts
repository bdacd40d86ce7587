/**
 * `kalloc-lens analyze` as a user runs it: exit codes, the three formats (SARIF validated
 * against the official 2.1.0 schema), and hostile input that must never crash it.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AjvModule from 'ajv-draft-04';
import { describe, expect, test } from 'vitest';
import { runCli } from './run-cli.js';

const require = createRequire(import.meta.url);
// A CommonJS module whose class is `exports.default`: NodeNext types the default import as the whole module.
const Ajv = AjvModule.default;

const run = runCli;

describe('kalloc-lens analyze', () => {
  test('table on the examples: sites, the summary line, and exit 1 for the kmalloc-oversized error', () => {
    const r = run('analyze', 'examples');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FILE:LINE +CALL +SIZE +LANDS +WASTE +NOTE$/m);
    expect(r.stdout).toMatch(/examples\/ring\/ring\.rs:39 +KVec::with_capacity +2400 B +kmalloc-4k +41% +slab-waste/);
    expect(r.stdout).toMatch(/40 sites · 2 errors · 4 warnings · 6 information · 0 hints +profile x86_64 · kernel 7\.1\.5 · C layouts bundled:x86_64-defconfig-7\.1\.5 · 4 files/);
    expect(run('analyze', 'examples', '--fail-on', 'never').code).toBe(0);
    expect(run('analyze', 'examples/ring/buffers.rs', '--fail-on', 'error').code).toBe(0);
    expect(run('analyze', 'examples/ring/buffers.rs', '--fail-on', 'warning').code).toBe(0);
  });

  test('json is the documented contract', () => {
    const r = run('analyze', 'examples', '--format', 'json', '--fail-on', 'never');
    const json = JSON.parse(r.stdout);
    expect(json.version).toBe(1);
    expect(json.profile).toEqual({ name: 'x86_64', pageSize: 4096, kernel: '7.1.5' });
    const site = json.sites.find((s: { line: number; file: string }) => s.file.endsWith('ring.rs') && s.line === 29);
    expect(site).toMatchObject({
      column: 20,
      call: 'KVec::with_capacity',
      kind: 'code',
      allocator: 'Kmalloc',
      flags: 'GFP_KERNEL',
      elementType: 'Desc',
      elementSize: 16,
      size: { bytes: 768, exact: true },
      outcome: { path: 'slab', cache: 'kmalloc-1k', objectSize: 1024, wasteBytes: 256, slabOrder: 3, order: null, pages: null, fallback: null },
    });
    expect(site.chain[0]).toEqual({ frame: 'KVec::with_capacity', file: 'rust/kernel/alloc/kvec.rs' });
    expect(json.diagnostics[0]).toEqual(
      expect.objectContaining({ file: expect.any(String), line: expect.any(Number), column: expect.any(Number), severity: expect.any(String), code: expect.any(String), message: expect.any(String) }),
    );
  });

  test('sarif validates against the official SARIF 2.1.0 schema', () => {
    const r = run('analyze', 'examples', '--format', 'sarif', '--fail-on', 'never');
    const log = JSON.parse(r.stdout);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    // The official schema has a language-tag pattern that is not valid as a unicode regex.
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    expect(log.runs[0].results).toHaveLength(12); // 8 in examples/ring, 4 in examples/kernel-apis
    expect(log.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toContain('kmalloc-oversized');
  });

  test('worker threads give the same report as one thread (10 copies of the corpus, 5 MB)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kalloc-par-'));
    for (let i = 0; i < 10; i++) cpSync(resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'linux'), join(dir, `copy${i}`), { recursive: true });
    const one = run('analyze', dir, '--format', 'json', '--jobs', '1');
    const two = run('analyze', dir, '--format', 'json', '--jobs', '2');
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout).sites.length).toBeGreaterThan(900);
    expect(two.stdout).toBe(one.stdout);
    expect(run('analyze', dir, '--jobs', '0').stderr).toMatch(/--jobs: expected a whole number ≥ 1/);
  }, 120_000);

  test('--include-doc adds doc-comment sites with kind "doc"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kalloc-doc-'));
    writeFileSync(join(dir, 'a.rs'), '/// ```\n/// let v = KVec::<u64>::with_capacity(4, GFP_KERNEL)?;\n/// ```\nfn f() {}\n');
    expect(JSON.parse(run('analyze', dir, '--format', 'json').stdout).sites).toEqual([]);
    const sites = JSON.parse(run('analyze', dir, '--format', 'json', '--include-doc').stdout).sites;
    expect(sites).toHaveLength(1);
    expect(sites[0]).toMatchObject({ kind: 'doc', line: 2, column: 13, call: 'KVec::with_capacity', size: { bytes: 32 } });
  });

  test('--type-sizes fills in a type the analyzer cannot see', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kalloc-ts-'));
    writeFileSync(join(dir, 'a.rs'), 'fn f() -> Result { let b = KBox::<bindings::foo>::new_uninit(GFP_KERNEL)?; Ok(()) }\n');
    expect(JSON.parse(run('analyze', dir, '--format', 'json').stdout).sites[0].size.bytes).toBeNull();
    writeFileSync(join(dir, 'sizes.json'), JSON.stringify({ 'bindings::foo': { size: 200, align: 8 } }));
    const site = JSON.parse(run('analyze', dir, '--format', 'json', '--type-sizes', join(dir, 'sizes.json')).stdout).sites[0];
    expect(site).toMatchObject({ size: { bytes: 200 }, outcome: { cache: 'kmalloc-256' } });
  });

  describe('bad input never crashes it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kalloc-bad-'));
    writeFileSync(join(dir, 'binary.rs'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]));
    writeFileSync(join(dir, 'latin1.rs'), Buffer.from('fn caf\xe9() {}\n', 'latin1'));
    writeFileSync(join(dir, 'half.rs'), 'fn f() {\n  let v = KVec::<u32>::with_capacity(16, GFP_KERNEL)?;\n  v.push(1, GFP_KERN\n  let x = (((;\n');
    writeFileSync(join(dir, 'deep.rs'), `fn f() { let x = ${'('.repeat(3000)}1${')'.repeat(3000)}; let v = KVec::<u8>::with_capacity(8, GFP_KERNEL); }\n`);
    // A generated 5 MB file: plain code, with one allocation site at the end.
    const big = `fn g(x: u32) -> u32 { x.wrapping_mul(3).wrapping_add(1) }\n`.repeat(90_000) + 'fn h() -> Result { let v = KVec::<u64>::with_capacity(64, GFP_KERNEL)?; Ok(()) }\n';
    writeFileSync(join(dir, 'big.rs'), big);
    writeFileSync(join(dir, 'notes.txt'), 'not rust');

    test('binary and invalid UTF-8 files are skipped with a reason; half-typed, deeply nested and 5 MB files are analysed', () => {
      expect(big.length).toBeGreaterThan(5_000_000);
      const r = run('analyze', dir, '--format', 'json');
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout);
      expect(json.skipped.map((s: { file: string; reason: string }) => `${s.file.split('/').at(-1)}: ${s.reason}`).sort()).toEqual([
        'binary.rs: binary file (contains a NUL byte)',
        'latin1.rs: not valid UTF-8',
      ]);
      const byFile = (name: string) => json.sites.filter((s: { file: string }) => s.file.endsWith(name));
      expect(byFile('half.rs').map((s: { call: string }) => s.call)).toContain('KVec::with_capacity');
      expect(byFile('deep.rs')).toHaveLength(1);
      expect(byFile('big.rs')).toHaveLength(1);
      expect(byFile('big.rs')[0]).toMatchObject({ line: 90_001, size: { bytes: 512 } });
    }, 120_000);

    test('a missing path exits 2 with a clear message', () => {
      const r = run('analyze', join(dir, 'nope'));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/no such file or folder: .*nope/);
    });

    test('a bad type-sizes file exits 2 naming the entry', () => {
      writeFileSync(join(dir, 'bad-sizes.json'), JSON.stringify({ Foo: { size: 'big' } }));
      const r = run('analyze', join(dir, 'half.rs'), '--type-sizes', join(dir, 'bad-sizes.json'));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/"Foo": expected \{ "size": bytes, "align": bytes \}/);
    });
  });
});
