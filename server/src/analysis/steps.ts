/**
 * Step-wise work: a generator that yields between pieces of work (a query span, a call, a site),
 * so that the language server can answer other requests between them and drop the work when its
 * document changes. The CLI and tests run the same steps without pausing.
 */
export type Steps<T> = Generator<void, T>;

/** Run step-wise work to its end without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Run steps for about `sliceMs` at a time, yielding to the event loop (setImmediate) between
 * slices. Before each slice `current()` says whether the work is still wanted; when it is not,
 * the steps are stopped (`return()`, which runs their `finally` blocks) and the result is null.
 */
export async function runInSlices<T>(steps: Steps<T>, current: () => boolean, sliceMs: number): Promise<T | null> {
  for (;;) {
    if (!current()) {
      steps.return(undefined as T);
      return null;
    }
    const end = performance.now() + sliceMs;
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() >= end) break;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}
