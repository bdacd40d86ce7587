/**
 * Whether a call runs with a spinlock or an RCU read-side guard alive (kernel-facts §7):
 * - a guard taken in the call's own receiver chain (`self.inner.lock().items.push(..)`): the
 *   temporary lives until the end of the statement;
 * - a `let g = x.lock();` (x a SpinLock / SpinLockIrq) or `let g = rcu::read_lock();` earlier
 *   in an enclosing block, not yet given to `drop(g)`: it lives to the end of its block.
 * Mutex guards may sleep and do not count. Lock types come from the field and binding types the
 * resolver sees; an unresolved lock is not assumed to be a spinlock.
 */
import type { Node } from 'web-tree-sitter';
import { LOCK_METHODS, LOCK_TYPES } from './data/kernel-type-names.js';
import { derefUntil, typeOfExpr, type TypeContext } from './expr-type.js';
import { blockIndex, countBelowBy, type BlockIndex, type LetStatement } from './scope.js';
import { hasOwnName, own } from '../../../engine/src/index.js';
import { parentOf } from '../parse/ancestors.js';

export interface AtomicGuard {
  readonly kind: 'spinlock' | 'rcu';
  /** The guard as written (`self.inner.lock()`, `guard`). */
  readonly text: string;
  /** 1-based line where the guard is taken. */
  readonly line: number;
}

const RCU_LOCK = /(^|::)read_lock$/;

/** A `.lock()` call on a spinlock-typed receiver, or `rcu::read_lock()`. */
function guardTaken(call: Node, ctx: TypeContext): AtomicGuard | null {
  if (call.type !== 'call_expression') return null;
  const fn = call.childForFieldName('function');
  if (!fn) return null;
  if (fn.type === 'field_expression') {
    const method = fn.childForFieldName('field')?.text ?? '';
    if (!LOCK_METHODS.has(method)) return null;
    const receiver = fn.childForFieldName('value');
    const type = receiver && typeOfExpr(receiver, ctx);
    const lock = type && derefUntil(type, ctx, (t) => t.kind === 'path' && hasOwnName(LOCK_TYPES, t.segments.at(-1) ?? ''));
    const name = lock?.kind === 'path' ? lock.segments.at(-1)! : '';
    return own(LOCK_TYPES, name)?.atomic ? { kind: 'spinlock', text: call.text.replace(/\s+/g, ''), line: call.startPosition.row + 1 } : null;
  }
  if ((fn.type === 'scoped_identifier' || fn.type === 'identifier') && RCU_LOCK.test(fn.text)) {
    return { kind: 'rcu', text: call.text.replace(/\s+/g, ''), line: call.startPosition.row + 1 };
  }
  return null;
}

/** Unwrap `x?`, `x.unwrap()`, `(x)` to the call that produced the value. */
function producingCall(node: Node | null): Node | null {
  let n = node;
  for (let i = 0; n && i < 4; i++) {
    if (n.type === 'try_expression' || n.type === 'parenthesized_expression') n = n.namedChildren[0] ?? null;
    else if (
      n.type === 'call_expression' &&
      n.childForFieldName('function')?.type === 'field_expression' &&
      /^(unwrap|expect)$/.test(n.childForFieldName('function')!.childForFieldName('field')?.text ?? '')
    ) {
      n = n.childForFieldName('function')!.childForFieldName('value');
    } else break;
  }
  return n;
}

function isDropOf(stmt: Node, name: string): boolean {
  const expr = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : stmt;
  if (expr?.type !== 'call_expression') return false;
  const fn = expr.childForFieldName('function')?.text ?? '';
  const args = expr.childForFieldName('arguments')?.namedChildren ?? [];
  return /(^|::)drop$/.test(fn) && args.length === 1 && args[0]?.text === name;
}

/**
 * The guard each `let` of a block takes (null when none), per type context: every site in a
 * function asks about the same lets, and a block can hold thousands of sites.
 */
const guardsOfLets = new WeakMap<BlockIndex, WeakMap<TypeContext, Map<LetStatement, AtomicGuard | null>>>();

function guardOfLet(block: BlockIndex, stmt: LetStatement, ctx: TypeContext): AtomicGuard | null {
  let perCtx = guardsOfLets.get(block);
  if (!perCtx) guardsOfLets.set(block, (perCtx = new WeakMap()));
  let perLet = perCtx.get(ctx);
  if (!perLet) perCtx.set(ctx, (perLet = new Map()));
  if (perLet.has(stmt)) return perLet.get(stmt)!;
  const guard = guardTaken(producingCall(stmt.node.childForFieldName('value')) ?? stmt.node, ctx);
  perLet.set(stmt, guard);
  return guard;
}

export function atomicGuardAt(site: Node, calleeChain: Node | null, ctx: TypeContext): AtomicGuard | null {
  // 1. A guard in the call's own receiver chain.
  for (let n = calleeChain; n;) {
    const taken = guardTaken(n, ctx);
    if (taken) return taken;
    n =
      n.type === 'call_expression'
        ? (n.childForFieldName('function') ?? null)
        : n.type === 'field_expression'
          ? n.childForFieldName('value')
          : n.type === 'try_expression'
            ? (n.namedChildren[0] ?? null)
            : null;
  }
  // 2. A guard bound earlier in an enclosing block and not dropped on the way to the call:
  //    a drop(g) may sit in any block between the `let` and the call. Blocks are read through
  //    their cached index (scope.ts): a block of 100,000 statements is not re-read per site.
  const precedingInner: { block: BlockIndex; before: number }[] = [];
  let child: Node = site;
  for (let scope = parentOf(site); scope; child = scope, scope = parentOf(scope)) {
    if (scope.type === 'function_item' || scope.type === 'closure_expression') break;
    if (scope.type !== 'block') continue;
    const block = blockIndex(scope);
    // Lets that end before the call's own statement begins.
    const before = child.startIndex;
    for (let j = countBelowBy(block.lets, (l) => l.endIndex, before + 1) - 1; j >= 0; j--) {
      const stmt = block.lets[j]!;
      const guard = guardOfLet(block, stmt, ctx);
      if (!guard) continue;
      const name = stmt.node.childForFieldName('pattern')?.text ?? '';
      // `let _ = x.lock();` drops the guard at once.
      if (name === '_') continue;
      const later = [block.statementsWithin(stmt.endIndex, before), ...precedingInner.map((p) => p.block.statementsWithin(0, p.before))];
      const dropped = later.some((statements) => statements.some((s) => isDropOf(s, name)));
      if (!dropped) return { ...guard, text: name };
    }
    precedingInner.push({ block, before });
  }
  return null;
}
