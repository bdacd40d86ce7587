/**
 * Walks written once as generators that yield between steps (one folder read), run to the end
 * at once by the CLI, or with the event loop let through every few steps by the language
 * server, so that a hover is answered while a 90 000-file kernel tree is being listed.
 */
export type Steps<T> = Generator<void, T, void>;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

export async function runStepsYielding<T>(steps: Steps<T>, stepsPerTurn = 32): Promise<T> {
  for (let n = 1; ; n++) {
    const next = steps.next();
    if (next.done) return next.value;
    if (n % stepsPerTurn === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}
