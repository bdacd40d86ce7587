/**
 * Allocation sites in one parsed file: server/queries/allocation-calls.scm finds candidate
 * calls; this module keeps those the engine's tables know (known-apis.ts), resolves the
 * receiver of method calls (expr-type.ts), the element type, the count and the flags. Each site
 * points at its registry row, and its arguments are read by that row's roles (`args`).
 * A method call whose receiver is not a kernel vector is not a site, unless it passes GFP
 * flags (then it is reported with allocator "unknown").
 */
import type { Language, Node, QueryMatch, Tree } from 'web-tree-sitter';
import { getQuery } from '../parse/queries.js';
import { ALLOCATOR_TYPES, BOX_ALIASES, VECTOR_ALIASES } from './data/kernel-type-names.js';
import { atomicGuardAt } from './atomic-scope.js';
import { derefUntil, typeOfExpr, withElementFromUses, type TypeContext } from './expr-type.js';
import { candidateRows, type RowSpan } from './candidate-rows.js';
import { boundOf, type CountBound } from './count-bound.js';
import { constFromNode } from './extract/const-from-node.js';
import { typeArguments } from './extract/type-from-node.js';
import type { FoundSite, KernelApiArgs, SiteAllocator, SiteApi, SourceRange } from './found-site.js';
import { kernelApiMethodCall, kernelApiScopedCall } from './kernel-api-sites.js';
import { API_FUNCTION_NAMES, CONVERSION_METHODS, KNOWN_APIS, knownApi, METHOD_ALIASES, VECTOR_METHOD_ROWS } from './known-apis.js';
import { unconstrainedLiteralType } from './literal-default.js';
import { nodeLayoutType, rbtreeTypes } from './rbtree-node.js';
import { formattedLength } from './cstring-format.js';
import { resolveFlags } from './resolve-flags.js';
import type { ConstExpr, TypeExpr } from './rust-model.js';
import { findBinding, typeParametersInScope } from './scope.js';
import { elementFromAnnotation, resolveSelf } from './site-element.js';
import { uninitElementFromUses } from './uninit-element.js';
import { fieldTypeAround } from './field-around.js';
import { annotatedTypeAround, bindingAround, valueType } from './value-type.js';
import { hasOwnName, own, type ApiRow } from '../../../engine/src/index.js';

function last(type: TypeExpr | null): string {
  return type?.kind === 'path' ? (type.segments.at(-1) ?? '') : '';
}

function allocatorOfContainer(type: TypeExpr): SiteAllocator {
  const name = last(type);
  const fixed = own(VECTOR_ALIASES, name) ?? own(BOX_ALIASES, name);
  if (fixed) return fixed;
  const a = type.kind === 'path' ? last(type.generics[1] ?? null) : '';
  // `Vec<T>` without an allocator argument is the alloc crate's (6.12 and before: the global
  // allocator, kmalloc). Inside code generic over `A: Allocator` see allocatorAt().
  return ALLOCATOR_TYPES.has(a) ? (a as SiteAllocator) : name === 'Vec' && type.kind === 'path' && type.generics.length <= 1 ? 'Kmalloc' : 'unknown';
}

/**
 * The allocator of a container at a call: a bare `Vec` inside code generic over an `A: Allocator`
 * (`impl<T, A: Allocator> Vec<T, A>` calling `Vec::new()` then `v.reserve(..)`) is that `A`, unknown.
 */
function allocatorAt(type: TypeExpr, at: Node): SiteAllocator {
  const allocator = allocatorOfContainer(type);
  if (allocator !== 'Kmalloc' || last(type) !== 'Vec' || (type.kind === 'path' && type.generics.length > 0)) return allocator;
  return [...typeParametersInScope(at).values()].some((bounds) => /\bAllocator\b/.test(bounds)) ? 'unknown' : allocator;
}

function args(node: Node | null): Node[] {
  return (node?.namedChildren ?? []).filter((c): c is Node => c !== null && !c.type.endsWith('comment') && c.type !== 'attribute_item');
}

function isVector(type: TypeExpr): boolean {
  const name = last(type);
  return hasOwnName(VECTOR_ALIASES, name) || name === 'Vec';
}

/**
 * A call's arguments by the roles its registry row gives them (`with_capacity(count, flags)`).
 * `byPath`: a method written as a path (`KVec::push(&mut v, x, f)`) takes its receiver first.
 */
function roles(row: ApiRow, list: readonly Node[], byPath: boolean): { flags: Node | null; count: Node | undefined; value: Node | null; layout: Node | null } {
  const at = (i: number | undefined): Node | undefined => (i === undefined ? undefined : list[i + (byPath && row.onValue ? 1 : 0)]);
  return { flags: at(row.args.flags) ?? null, count: at(row.args.count), value: at(row.args.value) ?? null, layout: at(row.args.layout) ?? null };
}

export interface Candidate {
  receiver?: Node;
  call: string;
  callType: string | null;
  callMethod: string;
  api: SiteApi;
  chainApi?: string;
  anchor: Node;
  whole: Node;
  allocator: SiteAllocator;
  elementType: TypeExpr | null;
  count: ConstExpr | null;
  countBound?: CountBound | null;
  countNode?: Node | null;
  sizing: FoundSite['sizing'];
  flagsNode: Node | null;
  layoutNote: string | null;
  kernelArgs?: KernelApiArgs;
  /** Flags the API passes itself (Devres::new: GFP_KERNEL). */
  fixedFlags?: string;
}

/** A workspace alias used as the called type (`Ring::with_capacity` with `type Ring = KVec<Desc>`). */
function throughAlias(type: string, ctx: TypeContext): TypeExpr | null {
  return derefUntil({ kind: 'path', segments: [type], generics: [] }, ctx, (t) => {
    const name = last(t);
    return hasOwnName(VECTOR_ALIASES, name) || hasOwnName(BOX_ALIASES, name);
  });
}

/** In-place initialisers, generic over their error type E (rust/kernel/init.rs, InPlaceInit). */
const INIT_METHODS: ReadonlySet<string> = new Set(['pin_init', 'init']);

function scopedCall(writtenType: string, writtenMethod: string, typeArgs: Node | null, fnTypeArgs: Node | null, argList: Node[], whole: Node, anchor: Node, ctx: TypeContext): Candidate | null {
  const method = own(METHOD_ALIASES, writtenMethod) ?? writtenMethod;
  // Most `Type::function(..)` calls are not allocation APIs: leave before any type work.
  if (!API_FUNCTION_NAMES.has(method)) return null;
  const aliased = KNOWN_APIS.has(`${writtenType}::${method}`) ? null : throughAlias(writtenType, ctx);
  const type = aliased ? last(aliased) : writtenType;
  let call = `${type}::${method}`;
  let allocator: SiteAllocator = 'unknown';
  // `ListArc::pin_init::<Error>(..)`: a turbofish on an in-place initialiser names its error type.
  const typeGenerics = [...(aliased?.kind === 'path' ? aliased.generics : []), ...typeArguments(typeArgs)];
  const generics = INIT_METHODS.has(method) ? typeGenerics : [...typeGenerics, ...typeArguments(fnTypeArgs)];
  // A generic `A: Allocator` parameter: A::realloc(..) is Allocator::realloc.
  if (!KNOWN_APIS.has(call) && ['alloc', 'realloc'].includes(method) && /Allocator/.test(typeParametersInScope(whole).get(type) ?? '')) {
    call = `Allocator::${method}`;
  }
  const row = knownApi(call);
  if (!row) return null;
  // `Vec::reserve(self, n)` called by path: the kernel's method takes the flags as well, so a call
  // without them (std's, in `#[cfg(test)]` code) is not this API.
  if (row.onValue && row.args.flags !== undefined && argList.length < row.args.flags + 2) return null;
  const arg = roles(row, argList, true);
  const callType = aliased ? type : writtenType;
  const container: TypeExpr = { kind: 'path', segments: [type], generics };
  // What the call allocates follows from the family of the type it is called on (data/containers.ts).
  const family = row.container?.family;
  if (family === 'vec' || family === 'box') allocator = allocatorAt(container, whole);
  else if (family === 'allocator' && row.container!.allocator !== 'generic') allocator = row.container!.allocator;
  else if (family === 'shared' || family === 'string' || family === 'rbtree') allocator = 'Kmalloc';
  const annotated = annotatedTypeAround(whole) ?? fieldTypeAround(whole, ctx);
  const uninit = row.method === 'new_uninit';
  const base: Omit<Candidate, 'elementType' | 'count' | 'sizing' | 'layoutNote'> = {
    call: `${callType}::${writtenMethod}`,
    callType,
    callMethod: writtenMethod,
    api: { kind: 'rust', row },
    chainApi: call,
    anchor,
    whole,
    allocator,
    flagsNode: arg.flags,
  };
  if (family === 'vec') {
    const element = generics[0] ?? elementFromAnnotation(annotated, 'vector', false, ctx) ?? elementInferredFromUses(whole, container, ctx);
    // with_capacity(n, f) and from_elem(v, n, f) fix the count; a method that grows does not.
    if (!row.onValue && row.args.count !== undefined) {
      return { ...base, elementType: element ?? valueType(arg.value, ctx), ...countOf(arg.count, ctx), sizing: 'array', layoutNote: null };
    }
    return { ...base, elementType: element, count: null, sizing: 'growth', layoutNote: null };
  }
  // The T of a Box or Arc: written (turbofish or type), the value moved in, the annotation, what
  // is later written into an uninit one, or an unsuffixed literal's i32/f64.
  const movedElement = (written: TypeExpr | undefined, kind: 'arc' | 'box'): TypeExpr | null =>
    written ?? valueType(arg.value, ctx) ?? elementFromAnnotation(annotated, kind, uninit, ctx) ?? (uninit ? uninitElementFromUses(whole, ctx) : null) ?? unconstrainedLiteralType(arg.value, whole);
  if (family === 'shared') {
    // The value moved in is T even where the annotation names a coercion target (`Arc<dyn Display>`).
    return { ...base, elementType: movedElement(typeGenerics[0], 'arc'), count: null, sizing: 'arc-inner', layoutNote: null };
  }
  if (family === 'box' && row.method === 'pin_slice') {
    // Box::pin_slice(init, len, flags), kbox.rs:311: Vec::with_capacity(len), so len × size_of::<T>().
    const slice = elementFromAnnotation(annotated, 'box', false, ctx);
    const element = generics[0] ?? (slice?.kind === 'slice' ? slice.element : null);
    return { ...base, elementType: element, ...countOf(arg.count, ctx), sizing: 'array', layoutNote: null };
  }
  if (family === 'box') {
    return { ...base, elementType: movedElement(generics[0], 'box'), count: null, sizing: 'element', layoutNote: null };
  }
  if (family === 'rbtree') {
    const kv = rbtreeTypes(whole, argList, type === 'RBTreeNode', generics, ctx);
    if (kv) return { ...base, elementType: nodeLayoutType(kv), count: null, sizing: 'element', layoutNote: null };
    return {
      ...base,
      elementType: null,
      count: null,
      sizing: 'unknown',
      layoutNote: 'size_of::<Node<K, V>>() = size_of::<bindings::rb_node>() (3 words) + K + V, padded: K and V are not written at the call, nor by the tree it goes into',
    };
  }
  if (call === 'CString::try_from_fmt') {
    // No flags argument: str.rs allocates with GFP_KERNEL. One byte per formatted byte, plus NUL.
    const length = formattedLength(argList[0] ?? null, ctx);
    const u8: TypeExpr = { kind: 'path', segments: ['u8'], generics: [] };
    return {
      ...base,
      flagsNode: null,
      elementType: u8,
      count: length.count ?? { kind: 'unknown', text: `(formatted length + 1: ${length.why})` },
      countBound: length.countBound,
      sizing: 'array',
      layoutNote: length.why,
    };
  }
  if (call === 'CString::try_from') {
    return { ...base, flagsNode: null, ...cstringCopy(argList[0] ?? null) };
  }
  if (row.args.layout !== undefined) {
    // Kmalloc::alloc(Layout::new::<T>(), f) / Layout::array::<T>(n)
    return { ...base, ...layoutFromArgument(arg.layout, ctx) };
  }
  return { ...base, elementType: null, count: null, sizing: 'unknown', layoutNote: null };
}

/** The declared type of the struct field a call's value is moved into (`Self { ranges: KVec::with_capacity(..)? }`). */
/** `let mut v = KVec::with_capacity(n, f)?;` whose element type the later uses of `v` say. */
function elementInferredFromUses(call: Node, container: TypeExpr, ctx: TypeContext): TypeExpr | null {
  const binding = bindingAround(call);
  if (!binding) return null;
  const inferred = withElementFromUses(container, binding.declaration, binding.name, ctx);
  return inferred.kind === 'path' ? (inferred.generics[0] ?? null) : null;
}

/** A count argument, and its bound from the source when the count itself is not a constant. */
function countOf(node: Node | undefined, ctx: TypeContext): Pick<Candidate, 'count' | 'countBound' | 'countNode'> {
  return node ? { count: constFromNode(node), countBound: boundOf(node, ctx), countNode: node } : { count: null, countBound: null, countNode: null };
}

function layoutFromArgument(node: Node | null, ctx: TypeContext): Pick<Candidate, 'elementType' | 'count' | 'countBound' | 'countNode' | 'sizing' | 'layoutNote'> {
  const unknown = { elementType: null, count: null, sizing: 'unknown' as const, layoutNote: node ? `layout ${node.text}` : null };
  if (node?.type !== 'call_expression') return unknown;
  const fn = node.childForFieldName('function');
  if (fn?.type !== 'generic_function') return unknown;
  const name = fn.childForFieldName('function')?.text ?? '';
  const t = typeArguments(fn.childForFieldName('type_arguments'))[0] ?? null;
  const a = args(node.childForFieldName('arguments'));
  if (name.endsWith('Layout::new')) return { elementType: t, count: null, sizing: 'element', layoutNote: null };
  if (name.endsWith('Layout::array') && a[0]) return { elementType: t, ...countOf(a[0], ctx), sizing: 'array', layoutNote: null };
  return unknown;
}

/**
 * A copy of a C string (str.rs:899, `TryFrom<&CStr> for CString`): strlen + 1 bytes, exact
 * when the string is a `c_str!("..")` literal, else unknown.
 */
function cstringCopy(source: Node | null): Pick<Candidate, 'elementType' | 'count' | 'sizing' | 'layoutNote'> {
  const u8: TypeExpr = { kind: 'path', segments: ['u8'], generics: [] };
  let node = source;
  while (node && (node.type === 'reference_expression' || node.type === 'parenthesized_expression')) node = node.namedChildren.at(-1) ?? null;
  // `c_str!("..")`, or a C string literal `c".."` (Rust 1.77): the text is in the source.
  const isCStr = node?.type === 'macro_invocation' && node.childForFieldName('macro')?.text.split('::').at(-1) === 'c_str';
  const literal = isCStr ? node!.namedChildren.find((c) => c?.type === 'token_tree')?.namedChildren[0] : node?.type === 'string_literal' && node.text.startsWith('c"') ? node : null;
  const quoted = literal?.type === 'string_literal' ? literal.text.replace(/^c/, '') : null;
  const bytes = quoted && !/\\/.test(quoted) ? Buffer.byteLength(quoted.slice(1, -1), 'utf8') : null;
  const count: ConstExpr = bytes !== null ? { kind: 'int', value: BigInt(bytes + 1), text: `${bytes + 1}` } : { kind: 'unknown', text: '(strlen + 1 of the copied C string)' };
  return { elementType: u8, count, sizing: 'array', layoutNote: null };
}

/**
 * The vector an `IntoIter` came from: `v.into_iter()` itself, a `let it = v.into_iter();` binding,
 * or a value typed `IntoIter<T, A>` (kvec.rs), as a vector type of the same T and allocator.
 */
function vectorOfIntoIter(receiver: Node, ctx: TypeContext): TypeExpr | null {
  let source: Node | null = receiver;
  if (source.type === 'identifier') source = findBinding(source.text, source)?.valueNode ?? source;
  const fn = source.type === 'call_expression' ? source.childForFieldName('function') : null;
  if (fn?.type === 'field_expression' && fn.childForFieldName('field')?.text === 'into_iter') {
    const from = typeOfExpr(fn.childForFieldName('value')!, ctx);
    return from ? derefUntil(from, ctx, isVector) : null;
  }
  const typed = typeOfExpr(receiver, ctx);
  return typed?.kind === 'path' && last(typed) === 'IntoIter' ? { kind: 'path', segments: ['Vec'], generics: typed.generics } : null;
}

/** `it.collect(flags)` (kvec.rs:1252): std's collect takes no argument, the kernel's takes the flags. */
function intoIterCollect(receiver: Node, argList: Node[], whole: Node, anchor: Node, ctx: TypeContext): Candidate | null {
  const row = argList.length === 1 ? knownApi('IntoIter::collect') : undefined;
  if (!row) return null;
  const vector = vectorOfIntoIter(receiver, ctx);
  return {
    receiver,
    call: row.api,
    callType: row.type,
    callMethod: row.method,
    api: { kind: 'rust', row },
    chainApi: row.api,
    anchor,
    whole,
    allocator: vector ? allocatorAt(vector, whole) : 'unknown',
    elementType: vector?.kind === 'path' ? (vector.generics[0] ?? null) : null,
    // The buffer shrinks to the elements left, which only the run knows; nothing happens if none were taken.
    count: { kind: 'unknown', text: '(elements left in the iterator; no call when next() was never called)' },
    countBound: null,
    sizing: 'array',
    flagsNode: roles(row, argList, false).flags,
    layoutNote: null,
  };
}

/**
 * `c"..".try_into()` where the type it converts into is `CString` (a `let` annotation, a field,
 * the function's `Result<CString>`): TryFrom<&CStr> for CString (str.rs:899), so the same chain.
 */
function tryIntoCString(receiver: Node, argList: Node[], whole: Node, anchor: Node, ctx: TypeContext): Candidate | null {
  const row = argList.length === 0 ? knownApi(CONVERSION_METHODS.try_into!) : undefined;
  if (!row) return null;
  const target = annotatedTypeAround(whole) ?? fieldTypeAround(whole, ctx);
  if (target?.kind !== 'path' || last(target) !== 'CString') return null;
  return {
    receiver,
    call: row.api,
    callType: row.type,
    callMethod: 'try_into',
    api: { kind: 'rust', row },
    chainApi: row.api,
    anchor,
    whole,
    allocator: 'Kmalloc',
    flagsNode: null,
    countBound: null,
    ...cstringCopy(receiver),
  };
}

function methodCall(receiver: Node, method: string, argList: Node[], whole: Node, anchor: Node, ctx: TypeContext): Candidate | null {
  if (method === 'collect') return intoIterCollect(receiver, argList, whole, anchor, ctx);
  if (method === 'try_into') return tryIntoCString(receiver, argList, whole, anchor, ctx);
  // `cstr.to_cstring()` (str.rs:357): CString::try_from(self).
  const toCString = method === 'to_cstring' && argList.length === 0 ? knownApi('CStr::to_cstring') : undefined;
  if (toCString) {
    const api: SiteApi = { kind: 'rust', row: toCString };
    return {
      receiver,
      call: toCString.api,
      callType: toCString.type,
      callMethod: toCString.method,
      api,
      chainApi: toCString.api,
      anchor,
      whole,
      allocator: 'Kmalloc',
      flagsNode: null,
      countBound: null,
      ...cstringCopy(receiver),
    };
  }
  const anyVector = VECTOR_METHOD_ROWS.get(method);
  if (!anyVector) return null;
  const received = typeOfExpr(receiver, ctx);
  const vector = received ? derefUntil(received, ctx, isVector) : null;
  if (!vector) {
    // Unknown receiver: a GFP argument is the kernel API's signature.
    const flagsNode = argList.find((a) => /GFP_/.test(a.text)) ?? null;
    if (!flagsNode) return null;
    const api: SiteApi = { kind: 'rust', row: anyVector };
    return {
      receiver,
      call: `Vec::${method}`,
      callType: 'Vec',
      callMethod: method,
      api,
      anchor,
      whole,
      allocator: 'unknown',
      elementType: null,
      count: null,
      sizing: 'growth',
      flagsNode,
      layoutNote: null,
    };
  }
  const alias = last(vector);
  const type = hasOwnName(VECTOR_ALIASES, alias) ? alias : 'Vec';
  const row = knownApi(`${type}::${method}`);
  if (!row) return null;
  const arg = roles(row, argList, false);
  const element = (vector.kind === 'path' ? vector.generics[0] : null) ?? valueType(arg.value, ctx);
  const api: SiteApi = { kind: 'rust', row };
  return {
    receiver,
    call: row.api,
    callType: type,
    callMethod: method,
    api,
    anchor,
    whole,
    allocator: allocatorAt(vector, whole),
    elementType: element,
    count: null,
    sizing: 'growth',
    flagsNode: arg.flags,
    layoutNote: null,
  };
}

/** `kvec![x; n]` / `kvec![a, b, c]` from the macro's tokens; `kvec![]` allocates nothing. */
function kvecMacro(tokens: Node, whole: Node, anchor: Node, ctx: TypeContext): Candidate | null {
  const inner = tokens.children.filter((c): c is Node => c !== null).slice(1, -1);
  if (inner.length === 0) return null;
  const semicolon = inner.findIndex((t) => t.type === ';');
  const first = inner[0]!;
  const element = valueType(first, ctx);
  const base = (api: string) => {
    const row = knownApi(api)!;
    return {
      call: api,
      callType: null,
      callMethod: api,
      api: { kind: 'rust', row } as const,
      anchor,
      whole,
      allocator: 'Kmalloc' as const,
      elementType: element,
      flagsNode: null,
      layoutNote: null,
      sizing: 'array' as const,
    };
  };
  if (semicolon >= 0) {
    const countTokens = inner.slice(semicolon + 1);
    if (countTokens.length === 1) return { ...base('kvec![x; n]'), ...countOf(countTokens[0], ctx) };
    return { ...base('kvec![x; n]'), count: { kind: 'unknown', text: countTokens.map((t) => t.text).join(' ') } };
  }
  const elements = inner.filter((t) => t.type === ',').length + (inner.at(-1)?.type === ',' ? 0 : 1);
  return { ...base('kvec![a, b, c]'), count: { kind: 'int', value: BigInt(elements), text: String(elements) } };
}

/**
 * The allocation-calls query's matches (call candidates and macro bodies), over the rows that
 * may hold a call (candidate-rows.ts) when `source` is given, else over the whole tree.
 */
export function allocationMatches(tree: Tree, language: Language, strict = false, source?: string, skipRows?: (span: RowSpan) => boolean): QueryMatch[] {
  return [...allocationMatchesBySpan(tree, language, strict, source, skipRows)].flat();
}

/** The same matches, one row span's at a time (a caller may pause between spans). */
export function* allocationMatchesBySpan(tree: Tree, language: Language, strict = false, source?: string, skipRows?: (span: RowSpan) => boolean): Generator<QueryMatch[]> {
  const query = getQuery(language, 'allocation-calls', { strict });
  if (source === undefined) {
    yield query.matches(tree.rootNode);
    return;
  }
  for (const span of candidateRows(source)) {
    if (skipRows?.(span)) continue;
    yield query.matches(tree.rootNode, { startPosition: { row: span.firstRow, column: 0 }, endPosition: { row: span.lastRow + 1, column: 0 } });
  }
}

function rangeOf(node: Node): SourceRange {
  return { startRow: node.startPosition.row, startColumn: node.startPosition.column, endRow: node.endPosition.row, endColumn: node.endPosition.column };
}

export function findSites(matches: readonly QueryMatch[], ctx: TypeContext, options: { kind?: 'code' | 'doc' } = {}): FoundSite[] {
  const seen = new Set<number>();
  return matches.flatMap((match) => siteOfMatch(match, ctx, options, seen) ?? []);
}

/** The site one match is, or null; `seen` (the calls already taken) is shared by the matches of one tree. */
export function siteOfMatch(match: QueryMatch, ctx: TypeContext, options: { kind?: 'code' | 'doc' }, seen: Set<number>): FoundSite | null {
  const get = (name: string): Node | null => match.captures.find((c) => c.name === name)?.node ?? null;
  const whole = get('alloc.call') ?? get('alloc.method-call') ?? get('alloc.macro-call');
  // Macro-body matches (macro.*) are for embedded-code.ts.
  if (!whole || seen.has(whole.id) || whole.hasError) return null;
  let candidate: Candidate | null;
  if (get('alloc.call')) {
    const fn = whole.childForFieldName('function')!;
    const scoped = [get('alloc.type')!.text, get('alloc.method')!.text, get('alloc.type-args'), get('alloc.fn-type-args'), args(get('alloc.args')), whole, fn, ctx] as const;
    candidate = kernelApiScopedCall(...scoped) ?? scopedCall(...scoped);
  } else if (get('alloc.method-call')) {
    const method = [get('alloc.receiver')!, get('alloc.method')!.text, args(get('alloc.args')), whole, get('alloc.method')!, ctx] as const;
    candidate = methodCall(...method) ?? kernelApiMethodCall(...method);
  } else {
    candidate = kvecMacro(get('alloc.args')!, whole, get('alloc.macro')!, ctx);
  }
  if (!candidate) return null;
  seen.add(whole.id);
  const flags = candidate.flagsNode ? resolveFlags(candidate.flagsNode, ctx) : null;
  // Flags the API passes itself (kvec!: GFP_KERNEL, the alloc crate's try_*; Devres::new).
  const implicit = candidate.fixedFlags ?? (candidate.api.kind === 'rust' ? candidate.api.row.fixedFlags : null);
  return {
    call: candidate.call,
    callType: candidate.callType,
    callMethod: candidate.callMethod,
    api: candidate.api,
    chainApi: candidate.chainApi ?? candidate.call,
    kind: options.kind ?? 'code',
    line: candidate.anchor.startPosition.row + 1,
    column: candidate.anchor.startPosition.column + 1,
    range: rangeOf(candidate.whole),
    flagsRange: candidate.flagsNode ? rangeOf(candidate.flagsNode) : null,
    countRange: candidate.countNode ? rangeOf(candidate.countNode) : null,
    allocator: candidate.allocator,
    flagsWritten: flags?.written ?? implicit,
    flags: flags?.resolved ?? implicit,
    elementType: resolveSelf(candidate.elementType, candidate.whole, ctx),
    count: candidate.count,
    countBound: candidate.countBound ?? null,
    sizing: candidate.sizing,
    layoutNote: candidate.layoutNote,
    ...(candidate.kernelArgs ? { kernelArgs: candidate.kernelArgs } : {}),
    receiver: candidate.receiver ? receiverText(candidate.receiver.text) : null,
    atomicGuard: atomicGuardAt(candidate.whole, candidate.receiver ?? null, ctx),
  };
}

/** A receiver's text for a message: one line, and short (a long chain keeps its last part). */
function receiverText(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length <= 48 ? line : `…${line.slice(-47)}`;
}
