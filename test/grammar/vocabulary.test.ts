/**
 * The grammar's word lists are the API registry's (engine/src/api-registry.ts), not a second
 * vocabulary: each alternation in syntaxes/ must hold exactly the names the registry gives, so a
 * row added to the call-chain tables fails here until the grammar follows.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CONTAINERS, RUST_API_ROWS } from '../../engine/src/api-registry.js';
import { METHOD_ALIASES, VECTOR_METHODS } from '../../server/src/analysis/known-apis.js';

const grammar = JSON.parse(readFileSync('syntaxes/kalloc-lens.injection.tmLanguage.json', 'utf8')) as { repository: Record<string, { match: string }> };

/** The names of the first `(?:a|b|c)` (or `(a|b|c)`) after `prefix` in a rule's regex. */
function alternatives(rule: string, prefix: string): string[] {
  const match = grammar.repository[rule]!.match;
  const at = match.indexOf(prefix);
  expect(at, `${rule} has ${prefix}`).toBeGreaterThanOrEqual(0);
  const group = /^\((?:\?:)?([\w|]+)\)/.exec(match.slice(at + prefix.length));
  return group![1]!.split('|').sort();
}

const sorted = (names: Iterable<string>) => [...new Set(names)].sort();
// The grammar colours the Rust Allocator calls (the registry's 'rust' family); kernel APIs such as
// `tree.insert(..)` share their method names with non-allocating calls, so they are not coloured.
const allocating = RUST_API_ROWS.filter((r) => r.kind === 'alloc' || r.kind === 'shrink');
const byPath = allocating.filter((r) => r.type !== null && !r.onValue);

describe('the grammar derives from the API registry', () => {
  test('allocation types: every container and allocator that fixes its allocator', () => {
    const fixed = CONTAINERS.filter((c) => ['vec', 'box', 'allocator'].includes(c.family) && c.allocator !== 'generic').map((c) => c.name);
    expect(alternatives('allocation-type', '\\b')).toEqual(sorted(fixed));
  });

  test('constructors: the types and functions of every API called by path', () => {
    expect(alternatives('allocation-constructor', '(?<=\\b')).toEqual(sorted(byPath.map((r) => r.type!)));
    expect(alternatives('allocation-constructor', '|>::)')).toEqual(sorted([...byPath.map((r) => r.method), ...Object.keys(METHOD_ALIASES)]));
  });

  test('methods: every API called on a vector value', () => {
    expect(alternatives('allocation-method', '(?<=\\.)')).toEqual(sorted(VECTOR_METHODS));
  });

  test('macros: every API written as a macro', () => {
    const macros = allocating.filter((r) => r.type === null).map((r) => r.method.replace(/!$/, ''));
    expect(alternatives('kvec-macro', '\\b')).toEqual(sorted(macros));
  });
});
