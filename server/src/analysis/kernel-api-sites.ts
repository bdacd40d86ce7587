/**
 * Sites of the kernel APIs that are not a Rust Allocator call (the engine's kernel-api tables):
 * `BitmapVec::new(n, f)`, `Coherent::<T>::zeroed_slice(dev, n, f)`, `devres::register(..)`,
 * `bindings::kmalloc(size, f)`, and methods such as `tree.insert(i, v, f)` on a MapleTree.
 *
 * Which argument is the flags, the count, the bytes or the order is the engine row's `args`. A
 * method is a site when its receiver's type is one of the row's `calledOn` types, or when the
 * receiver's type is not visible and the flags argument is there and names GFP flags (a
 * `store(v, Relaxed)` on an atomic is not an XArray store).
 */
import type { Node } from 'web-tree-sitter';
import { apiRow, kernelApiPath, kernelApiRow, type KernelApiRow, hasOwnName, own } from '../../../engine/src/index.js';
import { derefUntil, typeOfExpr, type TypeContext } from './expr-type.js';
import { boundOf } from './count-bound.js';
import { constFromNode } from './extract/const-from-node.js';
import { typeArguments } from './extract/type-from-node.js';
import type { Candidate } from './find-sites.js';
import type { KernelApiArgs, SiteAllocator } from './found-site.js';
import { DEREF_TO_FIRST_GENERIC, VECTOR_ALIASES } from './data/kernel-type-names.js';
import { KERNEL_API_METHODS, KERNEL_APIS } from './known-apis.js';
import type { TypeExpr } from './rust-model.js';
import { annotatedTypeAround, valueType } from './value-type.js';
import { fieldTypeAround } from './field-around.js';

function last(type: TypeExpr | null): string {
  return type?.kind === 'path' ? (type.segments.at(-1) ?? '') : '';
}

/**
 * The receiver's type ends in a pointer whose pointee is not written: `KBox::pin_init(MapleTree::new(), f)?`
 * is a `Pin<KBox<_>>` here, since `new()` returns an `impl PinInit`. Such a receiver is as good as unseen.
 */
function pointeeUnknown(type: TypeExpr, ctx: TypeContext): boolean {
  // Checked at each step: an alias (KBox = Box<T, Kmalloc>) expands an unwritten pointee into a bare `T`.
  let unknown = false;
  derefUntil(type, ctx, (t) => {
    const name = last(t);
    unknown ||= name === '_' || (t.kind === 'path' && DEREF_TO_FIRST_GENERIC.has(name) && t.generics.length === 0);
    return unknown;
  });
  return unknown;
}

/** Who serves a row's memory, as the site reports it: the registry's entry says. */
function allocatorOf(row: KernelApiRow): SiteAllocator {
  const entry = apiRow(row.api);
  if (entry?.family !== 'kernel') throw new Error(`${row.api} is not a kernel API of the registry`);
  return entry.allocator;
}

/** T of `Coherent<T>` / `CoherentBox<[T]>` (a slice's element for the slice constructors). */
function sliceElement(type: TypeExpr | null, slice: boolean): TypeExpr | null {
  if (!type) return null;
  if (slice && type.kind === 'slice') return type.element;
  return slice ? null : type;
}

function elementFor(row: KernelApiRow, typeGenerics: readonly TypeExpr[], fnGenerics: readonly TypeExpr[], argList: Node[], whole: Node, ctx: TypeContext): TypeExpr | null {
  const input = row.input.kind;
  if (input !== 'element' && input !== 'array') return null;
  if (row.args.value !== undefined) return valueType(argList[row.args.value] ?? null, ctx);
  // Coherent<[T]> / CoherentBox<[T]> hold a slice; the older CoherentAllocation<T> counts Ts.
  const slice = input === 'array' && kernelApiPath(row.api).type !== 'CoherentAllocation';
  const written = typeGenerics[0] ?? fnGenerics[0] ?? null;
  if (written) return sliceElement(written, slice);
  // `let c: Coherent<[u64]> = Coherent::zeroed_slice(..)?;`, or `Self(Coherent::zeroed(..)?)`
  let annotated = annotatedTypeAround(whole) ?? fieldTypeAround(whole, ctx);
  for (let i = 0; annotated?.kind === 'path' && i < 4; i++) {
    const name = last(annotated);
    if (name.startsWith('Coherent')) return sliceElement(annotated.generics[0] ?? null, slice);
    annotated = annotated.generics[0] ?? null;
  }
  return null;
}

/**
 * Who serves a row's memory at this call: a wrapper that reserves in the caller's buffer
 * (`read_all(&mut buf, ..)`, target allocator 'generic') uses that buffer's allocator, when its
 * type is visible (`inner.buffer: KVVec<u8>` is KVmalloc).
 */
function allocatorAtCall(row: KernelApiRow, argList: Node[], ctx: TypeContext): SiteAllocator {
  const fixed = allocatorOf(row);
  const buffer = row.args.buffer === undefined ? undefined : argList[row.args.buffer];
  if (row.target.kind !== 'rust-allocation' || row.target.allocator !== 'generic' || !buffer) return fixed;
  const value = buffer.type === 'reference_expression' ? (buffer.childForFieldName('value') ?? buffer) : buffer;
  const type = typeOfExpr(value, ctx);
  const vector = type ? derefUntil(type, ctx, (t) => hasOwnName(VECTOR_ALIASES, last(t))) : null;
  // `read_all<A: Allocator>(.., buf: &mut Vec<u8, A>, ..)`: with the buffer's type out of sight,
  // the allocator is not known either (a KVVec behind a lock guard is kvmalloc, not kmalloc).
  return (vector && own(VECTOR_ALIASES, last(vector))) ?? 'unknown';
}

function kernelArgs(row: KernelApiRow, argList: Node[]): KernelApiArgs {
  const at = (i: number | undefined) => (i === undefined || !argList[i] ? null : constFromNode(argList[i]!));
  return { bytes: at(row.args.bytes), count: at(row.args.count), order: at(row.args.order) };
}

function candidate(api: string, argList: Node[], whole: Node, anchor: Node, ctx: TypeContext, element: TypeExpr | null, receiver?: Node): Candidate {
  const row = kernelApiRow(api);
  const flagsIndex = row.args.flags;
  const countIndex = row.args.count ?? row.args.bytes;
  const countNode = countIndex !== undefined ? (argList[countIndex] ?? null) : null;
  const path = kernelApiPath(api);
  return {
    ...(receiver ? { receiver } : {}),
    call: api,
    callType: path.type,
    callMethod: path.method,
    api: { kind: 'kernel', row },
    chainApi: api,
    anchor,
    whole,
    allocator: allocatorAtCall(row, argList, ctx),
    elementType: element,
    count: null,
    countBound: countNode ? boundOf(countNode, ctx) : null,
    countNode,
    sizing: 'kernel-api',
    flagsNode: flagsIndex !== undefined ? (argList[flagsIndex] ?? null) : null,
    layoutNote: null,
    kernelArgs: kernelArgs(row, argList),
    ...(row.flags !== 'argument' ? { fixedFlags: row.flags.fixed } : {}),
  };
}

/** `Type::function(..)` or `bindings::kmalloc(..)`: a kernel API by its written path. */
export function kernelApiScopedCall(
  writtenType: string,
  method: string,
  typeArgs: Node | null,
  fnTypeArgs: Node | null,
  argList: Node[],
  whole: Node,
  anchor: Node,
  ctx: TypeContext,
): Candidate | null {
  const api = `${writtenType}::${method}`;
  if (!KERNEL_APIS.has(api)) return null;
  const row = kernelApiRow(api);
  // A method written as a path (`MapleTree::insert(&tree, ..)`) takes its receiver first.
  const args = row.calledOn ? argList.slice(1) : argList;
  if (row.args.flags !== undefined && args.length <= row.args.flags) return null;
  const element = elementFor(row, typeArguments(typeArgs), typeArguments(fnTypeArgs), args, whole, ctx);
  return candidate(api, args, whole, anchor, ctx, element);
}

/** `recv.insert(i, v, GFP_KERNEL)`: a kernel-API method, by the receiver's type or a GFP argument. */
export function kernelApiMethodCall(receiver: Node, method: string, argList: Node[], whole: Node, anchor: Node, ctx: TypeContext): Candidate | null {
  const rows = KERNEL_API_METHODS.get(method);
  if (!rows) return null;
  const received = typeOfExpr(receiver, ctx);
  for (const row of rows) {
    const flagsIndex = row.args.flags;
    if (flagsIndex !== undefined && argList.length !== flagsIndex + 1) continue;
    const owner = received ? derefUntil(received, ctx, (t) => row.calledOn!.includes(last(t))) : null;
    if (received && !owner && row.calledOn!.some((t) => t !== 'Guard')) {
      // A visible receiver of another type (an RBTree's insert(node), a HashMap's insert(k, v)).
      if (received.kind === 'path' && !['Self', '_'].includes(last(received)) && !pointeeUnknown(received, ctx)) continue;
    }
    if (!owner) {
      const flags = flagsIndex !== undefined ? argList[flagsIndex] : undefined;
      if (!flags || !/\bGFP_|__GFP_|\bflags\b|\bgfp\b/.test(flags.text)) continue;
    }
    return candidate(row.api, argList, whole, anchor, ctx, null, receiver);
  }
  return null;
}
