/**
 * Guards one layout or constant evaluation against cycles (a struct holding itself by value,
 * `const A = B; const B = A;`, `[u8; size_of::<Self>()]`), against runaway nesting, and against
 * runaway work: a request that enters more than `maxSteps` items is answered "too complex"
 * instead of blocking the server. One guard is shared by the layout engine and the constant
 * evaluator for a whole request, since each calls the other. Created per request; never shared
 * between requests.
 */

export const DEFAULT_MAX_DEPTH = 64;
/**
 * Items one request may enter. With each item evaluated once (eval-memo.ts) a request enters
 * each type and const at most once; the largest kernel file needs a few hundred.
 */
export const DEFAULT_MAX_STEPS = 20_000;

const TOO_COMPLEX = 'too complex';

/** The refusal was the work bound: the formula should say so, not only the reason. */
export function isTooComplex(why: string): boolean {
  return why.startsWith(TOO_COMPLEX);
}

export class ResolveGuard {
  private readonly stack: string[] = [];
  private steps = 0;
  /** Times entry was refused; a result computed while this stayed still is path-independent. */
  private refusedCount = 0;

  constructor(
    private readonly maxDepth: number = DEFAULT_MAX_DEPTH,
    private readonly maxSteps: number = DEFAULT_MAX_STEPS,
  ) {}

  get refusals(): number {
    return this.refusedCount;
  }

  /** Null when `key` was entered (call `leave` after); otherwise why not: `cycle A → B → A`, the depth, or the work. */
  enter(key: string): string | null {
    const refused = this.refusal(key);
    if (refused !== null) {
      this.refusedCount++;
      return refused;
    }
    this.steps++;
    this.stack.push(key);
    return null;
  }

  private refusal(key: string): string | null {
    if (this.steps >= this.maxSteps) return `${TOO_COMPLEX}: more than ${this.maxSteps} types and constants to resolve; stopped at ${key}`;
    if (this.stack.includes(key)) {
      const cycle = [...this.stack.slice(this.stack.indexOf(key)), key].join(' → ');
      return `cycle ${cycle}`;
    }
    if (this.stack.length >= this.maxDepth) {
      return `nesting deeper than ${this.maxDepth} levels while resolving ${key}`;
    }
    return null;
  }

  leave(): void {
    this.stack.pop();
  }

  /** Runs `body` inside `key`, or returns `onRefused(reason)` if it may not be entered. */
  within<R>(key: string, body: () => R, onRefused: (reason: string) => R): R {
    const refused = this.enter(key);
    if (refused !== null) return onRefused(refused);
    try {
      return body();
    } finally {
      this.leave();
    }
  }

  /**
   * `within`, with the result kept in `memo` under `memoKey` when no entry was refused on the
   * way (a cycle or limit hit depends on the path taken; anything else depends only on the item).
   */
  memoWithin<R>(memo: Map<unknown, R>, memoKey: unknown, key: string, body: () => R, onRefused: (reason: string) => R): R {
    const hit = memo.get(memoKey);
    if (hit !== undefined) return hit;
    const before = this.refusedCount;
    const result = this.within(key, body, onRefused);
    if (this.refusedCount === before) memo.set(memoKey, result);
    return result;
  }
}
