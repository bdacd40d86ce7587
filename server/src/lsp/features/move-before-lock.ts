/**
 * "Allocate before taking the lock", the better fix for sleep-in-atomic: the allocation moves
 * above the `let guard = x.lock();` (or `rcu::read_lock()`) that makes it atomic, where it may
 * sleep again. Offered only where the program means the same afterwards:
 * - the guard is a `let` in a block around the allocation (a guard taken in the allocation's own
 *   statement, `self.inner.lock().v.push(..)`, has no "before");
 * - the allocation runs exactly once each time the guard is taken: not in a loop, a branch, a
 *   closure or a macro under the guard;
 * - the value depends on nothing reached through the guard, bound or changed under it, and what
 *   the allocation changes (a pushed-to vector) is not used between the guard and it.
 * Otherwise the reason, for the action's `disabled` (the editor shows why it is greyed out).
 *
 * The edit: a statement that is the allocation (`let x = KVec::..?;`, `v.push(..)?;`) moves
 * whole, with the comment lines right above it; an allocation inside a larger expression
 * (`guard.items = KVec::..?;`) goes into a `let` above the guard and the expression takes its
 * name. Works on the tree of one function, never on text patterns.
 */
import type { Range, TextEdit } from 'vscode-languageserver';
import type { Node } from 'web-tree-sitter';
import type { AtomicGuard } from '../../analysis/atomic-scope.js';
import type { SourceRange } from '../../analysis/found-site.js';
import { code, escapeMarkdown } from './markdown.js';
import { parentOf } from '../../parse/ancestors.js';

export type LockMove =
  | { readonly ok: true; readonly title: string; readonly edits: TextEdit[]; readonly guardLine: number }
  | {
      readonly ok: false;
      /** For the action's `disabled.reason` (plain text). */
      readonly reason: string;
      /** The same, as Markdown source text cannot break (for the hover). */
      readonly markdown: string;
    };

/** A reason's words, and the pieces of source in it (shown as code). */
type Part = string | { readonly code: string };

/** `why\`it uses ${name}, bound at line ${n}\``: string values are source text (code), numbers plain. */
function why(strings: TemplateStringsArray, ...values: (string | number)[]): Part[] {
  return strings.flatMap((s, i) => (i < values.length ? [s, typeof values[i] === 'string' ? { code: values[i] } : String(values[i])] : [s]));
}

function refusal(parts: Part[]): LockMove {
  const plain = parts.map((p) => (typeof p === 'string' ? p : `\`${p.code}\``)).join('');
  const markdown = parts.map((p) => (typeof p === 'string' ? escapeMarkdown(p) : code(p.code))).join('');
  return { ok: false, reason: `Cannot allocate before the lock: ${plain}.`, markdown: `cannot allocate before it: ${markdown}` };
}

const LOOPS = new Set(['loop_expression', 'while_expression', 'for_expression']);
const BRANCHES = new Set(['if_expression', 'match_expression', 'match_arm', 'else_clause', 'let_condition', 'let_chain']);
const CLOSURES = new Set(['closure_expression', 'async_block', 'function_item']);

const line = (n: Node) => n.startPosition.row + 1;
const rangeOf = (n: Node): Range => ({ start: { line: n.startPosition.row, character: n.startPosition.column }, end: { line: n.endPosition.row, character: n.endPosition.column } });

/** The outermost node with exactly the analyzer's range (the call). */
function nodeAt(root: Node, r: SourceRange): Node | null {
  let n: Node | null = root.descendantForPosition({ row: r.startRow, column: r.startColumn }, { row: r.endRow, column: Math.max(0, r.endColumn - 1) });
  for (let up = parentOf(n); n && up && up.startIndex === n.startIndex && up.endIndex === n.endIndex; up = parentOf(up)) n = up;
  const p = n?.startPosition;
  const e = n?.endPosition;
  return p?.row === r.startRow && p.column === r.startColumn && e?.row === r.endRow && e.column === r.endColumn ? n : null;
}

/** The `let <guard> = ..;` statement the diagnostic names, in a block around the site, with the block and the site's statement in it. */
function guardLet(site: Node, guard: AtomicGuard): { block: Node; stmt: Node; holder: Node } | null {
  let child = site;
  for (let scope = parentOf(site); scope; child = scope, scope = parentOf(scope)) {
    // A closure on the way is refused by the caller, with its reason.
    if (scope.type === 'function_item') return null;
    if (scope.type !== 'block') continue;
    for (const stmt of scope.namedChildren) {
      if (!stmt || stmt.startIndex >= child.startIndex) break;
      const row = guard.line - 1;
      if (stmt.type === 'let_declaration' && stmt.childForFieldName('pattern')?.text === guard.text && stmt.startPosition.row <= row && stmt.endPosition.row >= row) {
        return { block: scope, stmt, holder: child };
      }
    }
  }
  return null;
}

/** `x`, `x.a.b`, `x[i]`, `*x`: the variable at the root of a place expression, if it is one. */
function rootVariable(place: Node | null): Node | null {
  let n = place;
  while (n) {
    if (n.type === 'identifier' || n.type === 'self') return n;
    if (n.type === 'field_expression') n = n.childForFieldName('value');
    else if (n.type === 'index_expression' || n.type === 'unary_expression' || n.type === 'parenthesized_expression') n = n.namedChildren[0] ?? null;
    else return null;
  }
  return null;
}

/** The variables a piece of code names (identifiers and `self`), each with its first node. */
function namesIn(node: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const n of node.descendantsOfType(['identifier', 'self'])) if (n && !out.has(n.text)) out.set(n.text, n);
  return out;
}

/**
 * The variables a piece of code may change: assigned to or borrowed `&mut` (`changes`), or the
 * receiver of a method call (`method`: it may take `&mut self`).
 */
function writtenIn(node: Node): Map<string, { readonly at: Node; readonly how: 'changes' | 'method' }> {
  const out = new Map<string, { at: Node; how: 'changes' | 'method' }>();
  const add = (root: Node | null, at: Node, how: 'changes' | 'method') => {
    if (root && out.get(root.text)?.how !== 'changes') out.set(root.text, { at, how });
  };
  for (const n of node.descendantsOfType(['assignment_expression', 'compound_assignment_expr', 'reference_expression', 'call_expression'])) {
    if (!n) continue;
    if (n.type === 'reference_expression') {
      if (n.children.some((c) => c?.type === 'mutable_specifier')) add(rootVariable(n.childForFieldName('value')), n, 'changes');
    } else if (n.type === 'call_expression') {
      const fn = n.childForFieldName('function');
      if (fn?.type === 'field_expression') add(rootVariable(fn.childForFieldName('value')), n, 'method');
    } else add(rootVariable(n.childForFieldName('left')), n, 'changes');
  }
  return out;
}

/** The names a `let` binds (its pattern's identifiers). */
function boundBy(stmt: Node): Map<string, Node> {
  const pattern = stmt.type === 'let_declaration' ? stmt.childForFieldName('pattern') : null;
  return pattern ? namesIn(pattern) : new Map();
}

/** The place a guard's data is reached by (`guard.pending`), for the reason. */
function placeOf(n: Node): string {
  let p = n;
  for (let q = parentOf(p); q && (q.type === 'field_expression' || q.type === 'index_expression') && q.namedChildren[0]?.id === p.id; q = parentOf(q)) {
    // `guard.pending.push(..)`: the method's name is not part of the place.
    const call = parentOf(q);
    if (call?.type === 'call_expression' && call.childForFieldName('function')?.id === q.id) break;
    p = q;
  }
  return p.text.replace(/\s+/g, '');
}

/** `x?`, `unsafe { x }`: the wrappers a statement may put around the allocation itself. */
function unwrapValue(value: Node | null): Node | null {
  let n = value;
  for (let i = 0; n && i < 4; i++) {
    if (n.type === 'try_expression') n = n.namedChildren[0] ?? null;
    else if (n.type === 'unsafe_block') {
      const block = n.namedChildren.find((c) => c?.type === 'block');
      n = block?.namedChildCount === 1 ? (block.namedChildren[0] ?? null) : null;
    } else break;
  }
  return n;
}

/** The site's statement is the allocation itself: `let p = alloc?;` or `alloc?;`. */
function isWholeStatement(stmt: Node, site: Node): boolean {
  const value = stmt.type === 'let_declaration' ? stmt.childForFieldName('value') : stmt.type === 'expression_statement' ? (stmt.namedChildren[0] ?? null) : null;
  return unwrapValue(value)?.id === site.id;
}

function indentOf(lines: readonly string[], row: number): string {
  return /^[ \t]*/.exec(lines[row] ?? '')?.[0] ?? '';
}

/** Lines moved `shift` columns left (to the guard's indent), where that much leading blank space exists. */
function dedent(lines: readonly string[], shift: number): string[] {
  return lines.map((l) => (shift > 0 && /^[ \t]*$/.test(l.slice(0, shift)) ? l.slice(shift) : l));
}

/** Only whitespace before `n` on its first line and after it on its last. */
function aloneOnLines(lines: readonly string[], first: Node, last: Node): boolean {
  const before = lines[first.startPosition.row]?.slice(0, first.startPosition.column) ?? '';
  const after = lines[last.endPosition.row]?.slice(last.endPosition.column) ?? '';
  return before.trim() === '' && after.trim() === '';
}

/** A name for the extracted value: the field it is stored in, else `allocation`; never one the function already uses. */
function freshName(expr: Node, fn: Node): string {
  const parent = parentOf(expr);
  const field =
    parent?.type === 'assignment_expression' && parent.childForFieldName('left')?.type === 'field_expression'
      ? parent.childForFieldName('left')?.childForFieldName('field')?.text
      : parent?.type === 'field_initializer'
        ? parent.childForFieldName('field')?.text
        : undefined;
  const base = field && /^[a-z_][a-z0-9_]*$/.test(field) ? field : 'allocation';
  const used = new Set(fn.descendantsOfType('identifier').map((n) => n?.text));
  for (let i = 0; ; i++) {
    const name = i === 0 ? base : `${base}_${i}`;
    if (!used.has(name)) return name;
  }
}

export function moveBeforeLock(root: Node, text: string, siteRange: SourceRange, guard: AtomicGuard): LockMove {
  const site = nodeAt(root, siteRange);
  if (!site) return refusal(why`the allocation is not a whole expression in the source`);
  const found = guardLet(site, guard);
  if (!found) return refusal(why`the lock is taken in the allocation's own statement (${guard.text}, line ${guard.line})`);
  const { block, stmt: guardStmt, holder } = found;

  // The path from the allocation up to its statement in the guard's block: it must run exactly once per lock.
  const between: Node[] = [];
  let unsafeAround = false;
  for (let n: Node = site; n.id !== holder.id;) {
    const parent = parentOf(n)!;
    if (LOOPS.has(parent.type)) return refusal(why`it runs in a loop under the lock (line ${line(parent)}); above the lock it would run once`);
    if (BRANCHES.has(parent.type)) return refusal(why`it runs only on some paths under the lock (line ${line(parent)}); above the lock it would run on every path`);
    if (CLOSURES.has(parent.type)) return refusal(why`it is inside a closure (line ${line(parent)})`);
    if (parent.type === 'token_tree' || parent.type === 'macro_invocation') return refusal(why`it is inside a macro call (line ${line(parent)})`);
    if (parent.type === 'binary_expression' && /^(&&|\|\|)$/.test(parent.childForFieldName('operator')?.text ?? '')) {
      return refusal(why`it runs only when ${parent.childForFieldName('operator')!.text} needs it (line ${line(parent)})`);
    }
    if (parent.type === 'unsafe_block') unsafeAround = true;
    // Statements of an inner block before the allocation also run under the lock, first.
    if (parent.type === 'block') for (const s of parent.namedChildren) if (s && s.startIndex < n.startIndex) between.push(s);
    n = parent;
  }
  for (const s of block.namedChildren) if (s && s.startIndex > guardStmt.startIndex && s.startIndex < holder.startIndex) between.push(s);

  const whole = isWholeStatement(holder, site);
  // With `?` the error leaves the function before the lock instead of under it: the same result.
  const tried = parentOf(site);
  let moved = whole ? holder : tried?.type === 'try_expression' ? tried : site;
  // `p = unsafe { bindings::kmalloc(..) }`: the whole unsafe block is the value taken out.
  const block1 = parentOf(moved);
  const unsafeBlock = parentOf(block1);
  const inUnsafe = block1?.type === 'block' && block1.namedChildCount === 1 && unsafeBlock?.type === 'unsafe_block' ? unsafeBlock : null;
  if (!whole && inUnsafe && inUnsafe.id !== holder.id) {
    moved = inUnsafe;
    unsafeAround = false;
  }
  const reads = namesIn(holder.type === 'let_declaration' && whole ? holder.childForFieldName('value')! : moved);
  const writes = writtenIn(moved);

  // 1. Reached through the guard.
  const viaGuard = reads.get(guard.text);
  if (viaGuard) {
    const receiver = site.childForFieldName('function')?.type === 'field_expression' ? rootVariable(site.childForFieldName('function')!.childForFieldName('value')) : null;
    const place = placeOf(viaGuard);
    return refusal(
      receiver?.text === guard.text ? why`it grows ${place}, reached through the guard taken at line ${guard.line}` : why`it uses ${place}, reached through the guard taken at line ${guard.line}`,
    );
  }
  // 2. Bound or changed under the lock, before the allocation.
  for (const s of between) {
    for (const [name] of boundBy(s)) if (reads.has(name)) return refusal(why`it uses ${name}, bound under the lock at line ${line(s)}`);
    for (const [name, { at, how }] of writtenIn(s)) {
      if (!reads.has(name)) continue;
      return refusal(how === 'changes' ? why`it uses ${name}, which changes under the lock at line ${line(at)}` : why`${name} is also used under the lock at line ${line(at)}, before the allocation`);
    }
  }
  // 3. What it changes, or the name it binds, is used under the lock before it.
  const binds = whole ? boundBy(holder) : new Map<string, Node>();
  for (const s of between) {
    const used = namesIn(s);
    for (const [name] of [...writes, ...binds]) {
      if (used.has(name)) return refusal(why`${name} is also used under the lock at line ${line(used.get(name)!)}, before the allocation`);
    }
  }

  const lines = text.split('\n');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const guardIndent = indentOf(lines, guardStmt.startPosition.row);
  const guardAtLineStart = lines[guardStmt.startPosition.row]!.slice(0, guardStmt.startPosition.column).trim() === '';
  const at = { line: guardStmt.startPosition.row, character: guardAtLineStart ? 0 : guardStmt.startPosition.column };
  const prefix = guardAtLineStart ? guardIndent : '';
  const suffix = guardAtLineStart ? eol : `${eol}${guardIndent}`;

  if (whole) {
    // The comment lines right above the statement go with it.
    let first: Node = holder;
    for (let p = holder.previousNamedSibling; p && p.type === 'line_comment' && p.startIndex > guardStmt.endIndex && p.endPosition.row === first.startPosition.row - 1; p = p.previousNamedSibling)
      first = p;
    if (aloneOnLines(lines, first, holder)) {
      const block = lines.slice(first.startPosition.row, holder.endPosition.row + 1);
      const shift = indentOf(lines, first.startPosition.row).length - guardIndent.length;
      const body = dedent(block, shift).join('\n');
      const insert = guardAtLineStart ? `${body}\n` : `${body.trimStart()}${suffix}`;
      return {
        ok: true,
        title: `Allocate before taking the lock (move above line ${guard.line})`,
        guardLine: guard.line,
        edits: [
          { range: { start: at, end: at }, newText: insert },
          { range: { start: { line: first.startPosition.row, character: 0 }, end: { line: holder.endPosition.row + 1, character: 0 } }, newText: '' },
        ],
      };
    }
    return {
      ok: true,
      title: `Allocate before taking the lock (move above line ${guard.line})`,
      guardLine: guard.line,
      edits: [
        { range: { start: at, end: at }, newText: `${prefix}${holder.text}${suffix}` },
        { range: rangeOf(holder), newText: '' },
      ],
    };
  }

  // A part of a larger expression: into a `let` above the guard.
  let fn: Node = block;
  for (let up = parentOf(fn); up && fn.type !== 'function_item'; up = parentOf(up)) fn = up;
  const name = freshName(moved, fn);
  const shift = indentOf(lines, moved.startPosition.row).length - guardIndent.length;
  const [head = '', ...rest] = moved.text.split('\n');
  const valueText = [head, ...dedent(rest, shift)].join('\n');
  const value = unsafeAround ? `unsafe { ${valueText} }` : valueText;
  // `Inner { items: KVec::..? }` becomes the shorthand `Inner { items }`.
  const field = parentOf(moved);
  const init = field?.type === 'field_initializer' && field.childForFieldName('field')?.text === name ? field : null;
  return {
    ok: true,
    title: `Allocate before taking the lock (into \`${name}\`, above line ${guard.line})`,
    guardLine: guard.line,
    edits: [
      { range: { start: at, end: at }, newText: `${prefix}let ${name} = ${value};${suffix}` },
      { range: rangeOf(init ?? moved), newText: name },
    ],
  };
}
