/**
 * Guards one layout or constant evaluation against cycles (a struct holding itself by value,
 * `const A = B; const B = A;`, `[u8; size_of::<Self>()]`) and against runaway nesting. One
 * guard is shared by the layout engine and the constant evaluator for a whole request, since
 * each calls the other. Created per request; never shared between requests.
 */

export const DEFAULT_MAX_DEPTH = 64;

export class ResolveGuard {
  private readonly stack: string[] = [];

  constructor(private readonly maxDepth: number = DEFAULT_MAX_DEPTH) {}

  /** Null when `key` was entered (call `leave` after); otherwise why not: `cycle A → B → A` or the depth. */
  enter(key: string): string | null {
    if (this.stack.includes(key)) {
      const cycle = [...this.stack.slice(this.stack.indexOf(key)), key].join(' → ');
      return `cycle ${cycle}`;
    }
    if (this.stack.length >= this.maxDepth) {
      return `nesting deeper than ${this.maxDepth} levels while resolving ${key}`;
    }
    this.stack.push(key);
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
}
