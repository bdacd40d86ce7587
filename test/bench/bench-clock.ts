/** Small timing helpers for the benchmarks: run a body until a time budget is spent. */
import { performance } from 'node:perf_hooks';

export interface Rate {
  readonly operations: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly nsPerOperation: number;
}

/** Calls `body(batch)` repeatedly (each call does `batch` operations) for about `budgetMs`. */
export function measureRate(body: (batch: number) => void, batch: number, budgetMs = 1000): Rate {
  // Warm up so the JIT has compiled the hot path before timing starts.
  body(batch);
  let operations = 0;
  const start = performance.now();
  let now = start;
  while (now - start < budgetMs) {
    body(batch);
    operations += batch;
    now = performance.now();
  }
  const seconds = (now - start) / 1000;
  return { operations, seconds, perSecond: operations / seconds, nsPerOperation: (seconds * 1e9) / operations };
}

export function formatRate(rate: number): string {
  if (rate >= 1e6) return `${(rate / 1e6).toFixed(2)} M/s`;
  if (rate >= 1e3) return `${(rate / 1e3).toFixed(1)} k/s`;
  return `${rate.toFixed(0)} /s`;
}
