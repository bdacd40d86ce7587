/**
 * layoutOf: the size and alignment of a Rust type on a 64-bit kernel target, with a formula a
 * person can check. A path is resolved in this order: primitives, sizes the user gave
 * (kallocLens type sizes), `bindings::*` (from the C layouts: a kernel build's bindings or
 * the bundled defconfig tables), the kernel crate's own source when the workspace holds
 * rust/kernel (a kernel tree), the built-in core and kernel tables, then the workspace index.
 * The tables come before the rest of the index, so a driver type that reuses a kernel name
 * (its own `Error`) is reached through a non-kernel path (`crate::Error`) or a user-given size.
 *
 * Array lengths and enum discriminants go through the constant evaluator, which calls back
 * into layoutOf for `size_of::<T>()`; one ResolveGuard covers both against cycles. That is
 * the import cycle with ../const-eval.ts, on purpose: Rust defines the two in terms of each other.
 */
import { evaluateConst, type ConstEnv } from '../const-eval.js';
import { DEFAULT_REPR, typeText, type EnumDef, type FieldDef, type TypeDef, type TypeExpr, type TypeIndex } from '../rust-model.js';
import { applyShape, builtinRow, fieldOf, type ShapeContext } from './apply-shape.js';
import { enumLayout, type VariantLayout } from './enum-layout.js';
import { memoFor } from './eval-memo.js';
import { bytes, known, sizeOfText, unknown, unknownWithin, type LayoutOptions, type LayoutResult, type UnknownLayout, type UserTypeSize } from './layout-result.js';
import { primitiveLayout } from './primitives.js';
import { cStructLayout, rustStructLayout, transparentLayout, unionLayout, type Composite, type FieldLayout } from './record-layout.js';
import type { CLayoutSource } from '../../../../engine/src/index.js';
import { isTooComplex, ResolveGuard } from './resolve-guard.js';
import { isUnsized } from './unsized.js';
import { cfgHolds } from './cfg-predicate.js';
import { bindGenerics, substituteConst, substituteType, type Substitution } from './substitute.js';

type PathType = Extract<TypeExpr, { kind: 'path' }>;

interface Ctx {
  readonly index: TypeIndex;
  readonly options: LayoutOptions;
  readonly guard: ResolveGuard;
}

export function layoutOf(type: TypeExpr, index: TypeIndex, options: LayoutOptions, guard = new ResolveGuard(options.maxDepth)): LayoutResult {
  return layoutIn(type, { index, options, guard });
}

function constEnv(ctx: Ctx): ConstEnv {
  return { pageSize: ctx.options.pageSizeBytes, layoutOptions: ctx.options };
}

function layoutIn(type: TypeExpr, ctx: Ctx): LayoutResult {
  const text = typeText(type);
  const sizeOf = sizeOfText(text);
  const pointerBytes = ctx.options.pointerBytes;
  switch (type.kind) {
    case 'path':
      return pathLayout(type, text, ctx);
    case 'array':
      return arrayLayout(type, text, ctx);
    case 'tuple':
      if (type.elements.length === 0) return known(0, 1, `${sizeOf} = 0 B (unit)`);
      return fieldsThen(
        type.elements.map((t, i) => ({ name: String(i), type: t })),
        null,
        text,
        ctx,
        (f) => fromComposite(rustStructLayout(f, DEFAULT_REPR), sizeOf),
      );
    case 'ref':
    case 'ptr': {
      const fat = isUnsized(type.target, ctx.index, ctx.options.pointerBytes);
      const sizeBytes = (fat ? 2 : 1) * pointerBytes;
      const how = fat ? `fat pointer: ${typeText(type.target)} is unsized, so address + length/vtable` : 'one pointer';
      return known(sizeBytes, pointerBytes, `${sizeOf} = ${bytes(sizeBytes)} (${how})`, { hasNiche: type.kind === 'ref' });
    }
    case 'fn-ptr':
      return known(pointerBytes, pointerBytes, `${sizeOf} = ${bytes(pointerBytes)} (function pointer)`, { hasNiche: true });
    case 'never':
      return known(0, 1, `${sizeOf} = 0 B (the never type)`);
    case 'slice':
    case 'dyn':
      return unknown(sizeOf, sizeOf, `${text} is unsized: it only exists behind a pointer (&, KBox, Arc), which is then two words`);
    case 'const-arg':
      return unknown(sizeOf, sizeOf, `${text} is a constant where a type was expected`);
    case 'unknown':
      return unknown(sizeOf, sizeOf, `the type \`${text}\` could not be read from the source`);
  }
}

function userSizeFor(keys: readonly string[], userSizes: LayoutOptions['userSizes']): UserTypeSize | undefined {
  if (!userSizes) return undefined;
  const squeeze = (s: string): string => s.split(/\s+/).join('');
  const wanted = new Set(keys.map(squeeze));
  const hit = Object.entries(userSizes).find(([key]) => wanted.has(squeeze(key)));
  return hit?.[1];
}

function userLayout(user: UserTypeSize, text: string): LayoutResult {
  const sizeOf = sizeOfText(text);
  const alignOk = Number.isInteger(user.alignBytes) && user.alignBytes > 0 && (user.alignBytes & (user.alignBytes - 1)) === 0;
  if (!alignOk || !Number.isSafeInteger(user.sizeBytes) || user.sizeBytes < 0 || user.sizeBytes % user.alignBytes !== 0) {
    return unknown(sizeOf, sizeOf, `kallocLens type sizes: "${text}" needs a whole size that is a multiple of a power-of-two alignment, got ${user.sizeBytes} B / align ${user.alignBytes}`);
  }
  return known(user.sizeBytes, user.alignBytes, `${sizeOf} = ${bytes(user.sizeBytes)} (from kallocLens type sizes)`, {
    notes: [`${text}: size and alignment given in kallocLens type sizes`],
  });
}

function shapeContext(ctx: Ctx): ShapeContext {
  return {
    pointerBytes: ctx.options.pointerBytes,
    layout: (type) => layoutIn(type, ctx),
    isUnsized: (type) => isUnsized(type, ctx.index, ctx.options.pointerBytes),
    userSize: (keys) => userSizeFor(keys, ctx.options.userSizes),
    cLayout: (name) => ctx.options.cLayouts?.layoutOf(name),
    cLayoutsId: ctx.options.cLayouts?.id,
    layoutEnum: (def, args, text, guaranteed) => {
      const binding = bindGenerics(def.generics, args);
      if (!binding.ok) return missingArgument(text, def.name, binding.missing);
      return enumDefLayout(def, binding.subst, text, ctx, guaranteed);
    },
  };
}

function pathLayout(type: PathType, text: string, ctx: Ctx): LayoutResult {
  const sizeOf = sizeOfText(text);
  const last = type.segments[type.segments.length - 1]!;
  if (type.generics.length === 0) {
    const prim = primitiveLayout(type.segments, ctx.options.pointerBytes);
    if (prim) return known(prim.sizeBytes, prim.alignBytes, `${sizeOf} = ${bytes(prim.sizeBytes)}`, { hasNiche: prim.hasNiche });
  }
  const user = userSizeFor(type.generics.length ? [text] : [text, last], ctx.options.userSizes);
  if (user) return userLayout(user, text);
  const cName = bindingsName(type.segments);
  if (cName !== undefined) return cTypeLayout(cName, text, ctx.options.cLayouts);
  const row = builtinRow(type.segments);
  if (row && !(row.onlyWhereUndefined && ctx.index.lookupType(type.segments))) {
    const fromSource = kernelSourceLayout(type, text, ctx);
    return fromSource?.known ? fromSource : applyShape(row, type.generics, text, shapeContext(ctx));
  }
  const def = ctx.index.lookupType(type.segments);
  if (!def) return unknown(sizeOf, sizeOf, `no definition of ${text} in the workspace index (a generic parameter, or a type outside the indexed files)`);
  return ctx.guard.memoWithin(
    memoFor(ctx.index, ctx.options).layouts,
    text,
    `type ${text}`,
    () => defLayout(def, type, text, ctx),
    (why) =>
      unknown(isTooComplex(why) ? `${sizeOf}: ${why}` : sizeOf, sizeOf, why.startsWith('cycle') ? `${text} contains itself without a pointer in between (${why}); that type has infinite size` : why),
  );
}

/**
 * In a kernel tree, the kernel crate's own types (Opaque, Lock, Arc, Vec, ...) are laid out from
 * the tree's rust/kernel source like any other Rust; the built-in row is the fallback when the
 * source says something the engine cannot follow (an associated type such as `B::State`).
 */
function kernelSourceLayout(type: PathType, text: string, ctx: Ctx): LayoutResult | undefined {
  // `core::result::Result` is core's, not the kernel crate's alias of the same name.
  if (type.segments.length > 1 && type.segments[0] !== 'kernel') return undefined;
  const def = ctx.index.lookupKernelType?.(type.segments);
  if (!def) return undefined;
  return ctx.guard.within(
    `kernel type ${text}`,
    () => defLayout(def, type, text, ctx),
    (why) => unknown(sizeOfText(text), sizeOfText(text), why),
  );
}

/** `bindings::X`, `kernel::bindings::X`: the C type's bindgen name. */
function bindingsName(segments: readonly string[]): string | undefined {
  return segments.length >= 2 && segments.at(-2) === 'bindings' ? segments.at(-1) : undefined;
}

function cTypeLayout(name: string, text: string, source: CLayoutSource | undefined): LayoutResult {
  const sizeOf = sizeOfText(text);
  const c = source?.layoutOf(name);
  if (!source || !c) {
    const where = source ? `${source.id} has no C type ${name}` : 'no C layouts were given';
    return unknown(sizeOf, sizeOf, `${text} is a C type whose size depends on the kernel config, and ${where}; give it in kallocLens type sizes as "${text}"`);
  }
  return known(c.size, c.align, `${sizeOf} = ${bytes(c.size)} (C layout, ${source.id})`, { notes: c.note ? [c.note] : [] });
}

function missingArgument(text: string, owner: string, param: string): UnknownLayout {
  const sizeOf = sizeOfText(text);
  return unknown(sizeOf, sizeOf, `${text}: the generic parameter ${param} of ${owner} has no argument and no default`);
}

function defLayout(def: TypeDef, type: PathType, text: string, ctx: Ctx): LayoutResult {
  const sizeOf = sizeOfText(text);
  const binding = bindGenerics(def.generics, type.generics);
  if (!binding.ok) return missingArgument(text, def.name, binding.missing);
  const s = binding.subst;
  switch (def.kind) {
    case 'alias': {
      const target = substituteType(def.target, s);
      const inner = layoutIn(target, ctx);
      return inner.known ? { ...inner, formula: `${sizeOf} = ${inner.formula}` } : unknownWithin(`${text} is ${typeText(target)}`, inner);
    }
    case 'union':
      return fieldsThen(def.fields, s, text, ctx, (f) => fromComposite(unionLayout(f, def.repr), sizeOf));
    case 'struct':
      return fieldsThen(def.fields, s, text, ctx, (f) => {
        if (def.repr.base === 'C') return fromComposite(cStructLayout(f, def.repr), sizeOf);
        if (def.repr.base === 'transparent') return fromComposite(transparentLayout(f), sizeOf);
        return fromComposite(rustStructLayout(f, def.repr), sizeOf);
      });
    case 'enum':
      return enumDefLayout(def, s, text, ctx, false);
  }
}

function fromComposite(c: Composite, sizeOf: string): LayoutResult {
  return known(c.sizeBytes, c.alignBytes, `${sizeOf} = ${bytes(c.sizeBytes)}${c.estimated ? ', estimated' : ''} (${c.detail})`, {
    estimated: c.estimated,
    hasNiche: c.hasNiche,
    notes: c.notes,
  });
}

/** Formulas name primitive fields by type alone and other fields by type and size. */
function fieldLabel(type: TypeExpr, layout: { sizeBytes: number }, ctx: Ctx): string {
  const primitive = type.kind === 'path' && type.generics.length === 0 && primitiveLayout(type.segments, ctx.options.pointerBytes);
  return primitive ? typeText(type) : `${typeText(type)} ${bytes(layout.sizeBytes)}`;
}

interface Fields {
  readonly fields: FieldLayout[];
  /** The fields' own notes (user-given sizes, estimates), passed up to the whole. */
  readonly notes: string[];
}

function fieldLayouts(defs: readonly FieldDef[], s: Substitution | null, where: string, ctx: Ctx): Fields | UnknownLayout {
  const out: Fields = { fields: [], notes: [] };
  for (const field of defs) {
    if (field.cfg !== undefined) {
      const symbols = ctx.options.cLayouts?.kconfig;
      const present = cfgHolds(field.cfg, symbols);
      // A field that a kernel option adds or removes: laid out as the build's .config decides,
      // and said so; where the build does not answer, unknown rather than guessed either way.
      if (present === null) {
        return unknown(
          where,
          where,
          `field ${field.name} exists only under #[cfg(${field.cfg})], which ${symbols ? `${symbols.source} does not decide` : 'no build configuration here decides'}, so the size is not guessed`,
        );
      }
      if (/CONFIG_/.test(field.cfg))
        out.notes.push(`${where}: field ${field.name} ${present ? 'is present' : 'is left out'}: #[cfg(${field.cfg})] ${present ? 'holds' : 'does not hold'} in ${symbols?.source ?? 'the build'}`);
      if (!present) continue;
    }
    const type = s ? substituteType(field.type, s) : field.type;
    const layout = layoutIn(type, ctx);
    if (!layout.known) return unknownWithin(`${where} needs field ${field.name}: ${typeText(type)}`, layout);
    out.fields.push(fieldOf(fieldLabel(type, layout, ctx), layout));
    out.notes.push(...layout.notes.filter((n) => !out.notes.includes(n)));
  }
  return out;
}

function fieldsThen(defs: readonly FieldDef[], s: Substitution | null, text: string, ctx: Ctx, then: (f: FieldLayout[]) => LayoutResult): LayoutResult {
  const fields = fieldLayouts(defs, s, sizeOfText(text), ctx);
  if ('known' in fields) return fields;
  const result = then(fields.fields);
  return result.known ? { ...result, notes: [...result.notes, ...fields.notes.filter((n) => !result.notes.includes(n))] } : result;
}

function enumDefLayout(def: EnumDef, s: Substitution, text: string, ctx: Ctx, nicheGuaranteed: boolean): LayoutResult {
  const sizeOf = sizeOfText(text);
  const variants: VariantLayout[] = [];
  const notes: string[] = [];
  let next = 0n;
  for (const v of def.variants) {
    const fields = fieldLayouts(v.fields, s, `${sizeOf} (variant ${v.name})`, ctx);
    if ('known' in fields) return fields;
    notes.push(...fields.notes.filter((n) => !notes.includes(n)));
    let discriminant = next;
    if (v.discriminant) {
      const d = evaluateConst(substituteConst(v.discriminant, s), ctx.index, constEnv(ctx), ctx.guard);
      if (!d.known) return unknown(`${sizeOf} needs the discriminant of ${def.name}::${v.name}: ${d.formula}`, d.unknownTerm, d.reason);
      discriminant = BigInt(d.value);
    }
    variants.push({ name: v.name, fields: fields.fields, discriminant });
    next = discriminant + 1n;
  }
  const composite = enumLayout(variants, def.repr, ctx.options.pointerBytes, nicheGuaranteed);
  return fromComposite({ ...composite, notes: [...composite.notes, ...notes] }, sizeOf);
}

function arrayLayout(type: Extract<TypeExpr, { kind: 'array' }>, text: string, ctx: Ctx): LayoutResult {
  const sizeOf = sizeOfText(text);
  const elemSizeOf = sizeOfText(typeText(type.element));
  const elem = layoutIn(type.element, ctx);
  const len = evaluateConst(type.length, ctx.index, constEnv(ctx), ctx.guard);
  if (!len.known) {
    const perElement = elem.known ? ` = ${type.length.text} × ${bytes(elem.sizeBytes)}` : '';
    const lengthFormula = len.formula === type.length.text ? '' : `; ${len.formula}`;
    return unknown(`${sizeOf} = ${type.length.text} × ${elemSizeOf}${perElement}${lengthFormula}`, len.unknownTerm, len.reason);
  }
  if (len.value < 0) return unknown(`${sizeOf} = ${len.value} × ${elemSizeOf}`, type.length.text, `array length ${len.formula} is negative`);
  if (!elem.known) return unknownWithin(`${sizeOf} = ${len.value} × ${elemSizeOf}`, elem);
  const sizeBytes = len.value * elem.sizeBytes;
  if (!Number.isSafeInteger(sizeBytes)) {
    return unknown(`${sizeOf} = ${len.value} × ${bytes(elem.sizeBytes)}`, sizeOf, 'more than 2^53 bytes: no allocation can hold it');
  }
  const lengthNote = type.length.kind === 'int' ? [] : [`length: ${len.formula}`];
  return known(sizeBytes, elem.alignBytes, `${sizeOf} = ${len.value} × ${bytes(elem.sizeBytes)} = ${bytes(sizeBytes)}`, {
    estimated: elem.estimated || !len.exact,
    hasNiche: len.value > 0 && elem.hasNiche,
    notes: [...lengthNote, ...elem.notes],
  });
}
