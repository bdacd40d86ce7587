/**
 * A kernel-API call analysed against a kernel before its first release (or after its last) gets
 * `api-not-in-kernel`, from the registry's since/until, saying when the release is unconfirmed and
 * what the trees read showed (engine/src/data/call-chains/kernel-api-since.ts). examples/kernel-apis.
 */
import { describe, expect, test } from 'vitest';
import { resolveProfile } from '../../engine/src/profile.js';
import { analyzePaths } from '../../server/src/analysis/analyze.js';
import { apiAvailability } from '../../server/src/analysis/api-availability.js';

async function notInKernel(kernel: string): Promise<string[]> {
  const report = await analyzePaths(['examples/kernel-apis'], { profile: resolveProfile('x86_64'), kernel, includeDoc: false });
  return report.diagnostics.filter((d) => d.code === 'api-not-in-kernel').map((d) => `${d.line} ${d.message}`);
}

describe('api-not-in-kernel for kernel APIs', () => {
  test('on 6.18: the 7.1 DMA constructors (confirmed: not in 7.0.0) and IdPool::with_capacity (not in 6.18.2)', async () => {
    expect(await notInKernel('6.18')).toEqual([
      '43 Coherent::zeroed_slice needs kernel 7.1 or later',
      '44 CoherentBox::zeroed_slice needs kernel 7.1 or later',
      '46 IdPool::with_capacity needs kernel 6.19 or later',
    ]);
  });

  test('on 6.14: the maple tree too, with the unconfirmed range the trees leave', async () => {
    const lines = await notInKernel('6.14');
    expect(lines).toContain('33 MapleTree::insert needs kernel 6.18 or later (unconfirmed: absent in 6.14.0, present in 6.18.2)');
    expect(lines).toContain('37 XArray::store needs kernel 6.15 or later (unconfirmed: absent in 6.14.0, present in 6.18.2)');
    // Page::alloc_page (6.11–6.12) and read_all are there in 6.14.
    expect(lines.some((l) => l.startsWith('42 ') || l.startsWith('49 '))).toBe(false);
  });

  test('none on 7.1.5; CoherentAllocation is gone after 7.0 and says what replaced it', async () => {
    expect(await notInKernel('7.1.5')).toEqual([]);
    expect(apiAvailability('CoherentAllocation::alloc_coherent', '7.1.5')?.message).toMatch(/^CoherentAllocation::alloc_coherent is gone after kernel 7\.0: dma::Coherent replaced CoherentAllocation/);
    expect(apiAvailability('CoherentAllocation::alloc_coherent', '7.0')).toBeNull();
  });
});
