/**
 * Simulated allocations per second through the SLUB + buddy models, and the cost per
 * allocation as the number of live allocations grows (1 k → 1 M): flat is the target.
 */
import { performance } from 'node:perf_hooks';
import { kmallocSlab } from '../../engine/src/kmalloc-caches.js';
import { resolveProfile } from '../../engine/src/profile.js';
import { BuddyAllocator } from '../../engine/src/sim/buddy-allocator.js';
import { createSlubCache } from '../../engine/src/sim/slub-cache.js';
import { simulate } from '../../engine/src/simulate.js';
import { formatRate } from './bench-clock.js';

const SIZES = [1_000, 10_000, 100_000, 1_000_000];
const profile = resolveProfile('x86_64');

/** N live allocations of `sizeBytes` straight through one SLUB model, then N frees. */
function slubRun(n: number, sizeBytes: number, frontEnd: 'sheaves' | 'cpu-slab'): { allocNs: number; freeNs: number } {
  const buddy = new BuddyAllocator(10, 12, { kind: 'free-bytes', bytes: 2 ** 32 });
  const slub = createSlubCache(kmallocSlab(sizeBytes, profile), profile, frontEnd, buddy);
  const objects = new Int32Array(n);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const r = slub.alloc();
    if (!r.ok) throw new Error(r.reason);
    objects[i] = r.object;
  }
  const t1 = performance.now();
  for (let i = n - 1; i >= 0; i--) slub.free(objects[i]!);
  const t2 = performance.now();
  return { allocNs: ((t1 - t0) * 1e6) / n, freeNs: ((t2 - t1) * 1e6) / n };
}

/** simulate() end to end: explain once, then N allocations through the world (steps not kept). */
function simulateRun(n: number, sizeBytes: number): number {
  const t0 = performance.now();
  const trace = simulate({ sizeBytes, times: n, maxSteps: 0, memory: { kind: 'free-bytes', bytes: 2 ** 32 } });
  const t1 = performance.now();
  if (trace.totals.failures !== 0) throw new Error('unexpected failures');
  return ((t1 - t0) * 1e6) / n;
}

export function simulationRates(): void {
  // Warm the JIT on a small run of each shape first.
  slubRun(50_000, 64, 'sheaves');
  slubRun(50_000, 64, 'cpu-slab');
  simulateRun(50_000, 64);
  console.log('\nsimulated allocations (x86_64, all kept live, then freed)      target ≥ 1 M/s, flat ns/alloc');
  console.log('  live allocs   sheaves kmalloc-64        6.x cpu slab kmalloc-64   sheaves kmalloc-1k   simulate() kmalloc-64');
  for (const n of SIZES) {
    const sheaves = slubRun(n, 64, 'sheaves');
    const cpu = slubRun(n, 64, 'cpu-slab');
    const big = slubRun(n, 1024, 'sheaves');
    const sim = simulateRun(n, 64);
    const cell = (ns: number) => `${ns.toFixed(0).padStart(4)} ns (${formatRate(1e9 / ns)})`.padEnd(26);
    console.log(`  ${String(n).padStart(10)}   ${cell(sheaves.allocNs)}${cell(cpu.allocNs)}${cell(big.allocNs)}${cell(sim)}`);
  }
  const f = slubRun(1_000_000, 64, 'sheaves');
  console.log(`  frees at 1 M live (sheaves kmalloc-64): ${f.freeNs.toFixed(0)} ns each (${formatRate(1e9 / f.freeNs)})`);
}
