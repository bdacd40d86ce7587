import { describe, expect, test } from 'vitest';
import { EngineError } from '../../engine/src/errors.js';
import { evaluateSizeExpression } from '../../engine/src/size-expression.js';

describe('size expressions', () => {
  test.each([
    ['4096', 4096],
    ['4K', 4096],
    ['2MiB', 2 * 1024 * 1024],
    ['48*16', 768],
    ['48 * 16 + 1', 769],
    ['(1 << 20) + 64', 1048640],
    ['0x1000', 4096],
    ['1_000', 1000],
    ['PAGE_SIZE << 2', 16384],
    ['10 / 3', 3],
  ])('%s = %d', (text, value) => {
    expect(evaluateSizeExpression(text, { PAGE_SIZE: 4096 })).toBe(value);
  });

  test.each([
    ['', /empty/],
    ['4X', /unknown unit 'X'/],
    ['48 *', /ends too early/],
    ['(1 + 2', /missing '\)'/],
    ['FOO', /unknown name 'FOO'/],
    ['1 / 0', /division by zero/],
    ['1 << 99', /shift by 99 is out of range/],
    ['4 $ 4', /cannot read/],
  ])('%j is rejected: %s', (text, message) => {
    expect(() => evaluateSizeExpression(text)).toThrow(EngineError);
    expect(() => evaluateSizeExpression(text)).toThrow(message);
  });
});
