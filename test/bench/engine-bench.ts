/**
 * npm run bench:engine — prints figures, asserts nothing.
 * 1. explain() calls per second over a mix of real-looking requests (all profiles, allocators,
 *    flags, eras, array and plain layouts).
 * 2. Simulated allocations per second through SLUB + the buddy allocator, and the cost per
 *    allocation as the run grows from 1 k to 1 M allocations (it should stay flat).
 */
import { explain, type ExplainInput } from '../../engine/src/explain.js';
import { resolveProfile } from '../../engine/src/profile.js';
import { formatRate, measureRate } from './bench-clock.js';
import { simulationRates } from './simulation-bench.js';

const PROFILES = ['x86_64', 'arm64-4k', 'arm64-16k', 'arm64-64k'].map((name) => resolveProfile(name));

function explainMix(): ExplainInput[] {
  const inputs: ExplainInput[] = [];
  const sizes = [8, 24, 96, 100, 192, 200, 1518, 2400, 4096, 8192, 8193, 65536, 1 << 20, 8 << 20];
  const shapes: Partial<ExplainInput>[] = [
    { api: 'KBox::new' },
    { api: 'KVVec::with_capacity' },
    { api: 'VBox::new' },
    { allocator: 'kmalloc', flags: 'GFP_KERNEL_ACCOUNT' },
    { allocator: 'kvmalloc', flags: 'GFP_ATOMIC' },
    { api: 'Box::try_new', kernel: '6.8' },
  ];
  for (const profile of PROFILES) {
    for (const sizeBytes of sizes) {
      for (const shape of shapes) inputs.push({ ...shape, sizeBytes, profile });
      inputs.push({ api: 'KVec::with_capacity', count: sizeBytes, element: { sizeBytes: 24, alignBytes: 8 }, profile });
    }
  }
  return inputs;
}

/**
 * Warm: the mix repeats, as hovers, lenses and analyses repeat questions (explain() memoises).
 * Cold: every request has a size never seen before, so nothing is memoised.
 */
function benchExplain(): void {
  const inputs = explainMix();
  let i = 0;
  let sink = 0;
  const warm = measureRate(
    (batch) => {
      for (let n = 0; n < batch; n++) {
        sink += explain(inputs[i]!).chain.length;
        i = i + 1 === inputs.length ? 0 : i + 1;
      }
    },
    10_000,
    2000,
  );
  // The same requests built in one object shape, as the analyzer builds them: V8 reads the
  // input's properties much faster than across the mix's seven shapes.
  const oneShape: ExplainInput[] = inputs.map(
    (x) =>
      ({
        api: x.api,
        allocator: x.allocator,
        flags: x.flags,
        kernel: x.kernel,
        sizeBytes: x.sizeBytes,
        count: x.count,
        element: x.element,
        profile: x.profile,
      }) as ExplainInput,
  );
  let k = 0;
  const warmOneShape = measureRate(
    (batch) => {
      for (let n = 0; n < batch; n++) {
        sink += explain(oneShape[k]!).chain.length;
        k = k + 1 === oneShape.length ? 0 : k + 1;
      }
    },
    10_000,
    2000,
  );
  let unique = 1_000_003;
  const cold = measureRate(
    (batch) => {
      for (let n = 0; n < batch; n++) {
        const base = inputs[n % inputs.length]!;
        unique++;
        const shaped: ExplainInput = base.count !== undefined ? { ...base, count: unique % 4_000_000 } : { ...base, sizeBytes: unique % 70_000_000 };
        sink += explain(shaped).chain.length;
      }
    },
    10_000,
    2000,
  );
  if (sink < 0) console.log(sink);
  console.log(
    `explain, warm      ${formatRate(warm.perSecond).padStart(12)}   ${warm.nsPerOperation.toFixed(0)} ns/call   (${inputs.length} distinct requests repeating, 7 input shapes; target ≥ 2 M/s)`,
  );
  console.log(
    `explain, warm      ${formatRate(warmOneShape.perSecond).padStart(12)}   ${warmOneShape.nsPerOperation.toFixed(0)} ns/call   (the same requests in one input shape, as the analyzer builds them)`,
  );
  console.log(`explain, cold      ${formatRate(cold.perSecond).padStart(12)}   ${cold.nsPerOperation.toFixed(0)} ns/call   (every request new: nothing memoised)`);
}

console.log(`kalloc-lens engine benchmark · node ${process.version} · ${new Date().toISOString()}`);
benchExplain();
simulationRates();
