/**
 * The engine's one error type. Every bad input (a negative size, an unknown flag, a kernel
 * version we do not model) becomes an EngineError whose message a kernel developer can act on;
 * the `code` lets callers (CLI exit codes, LSP responses) branch without parsing text.
 */
export type EngineErrorCode =
  | 'invalid-size'
  | 'invalid-layout'
  | 'unknown-flag'
  | 'unknown-profile'
  | 'invalid-kernel-version'
  | 'unsupported-kernel-version'
  | 'unknown-allocator'
  | 'unknown-api'
  | 'invalid-config'
  | 'invalid-argument';

export class EngineError extends Error {
  readonly code: EngineErrorCode;

  constructor(code: EngineErrorCode, message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
}

/** Throws unless `value` is a non-negative safe integer; `what` names the input in the message. */
export function requireByteCount(value: number, what: string): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new EngineError('invalid-size', `${what}: expected a number of bytes, got ${String(value)}`);
  }
  if (!Number.isFinite(value)) {
    throw new EngineError('invalid-size', `${what}: expected a finite number of bytes, got ${value}`);
  }
  if (value < 0) {
    throw new EngineError('invalid-size', `${what}: a size cannot be negative (got ${value})`);
  }
  if (!Number.isInteger(value)) {
    throw new EngineError('invalid-size', `${what}: a size is a whole number of bytes (got ${value})`);
  }
  if (!Number.isSafeInteger(value)) {
    throw new EngineError('invalid-size', `${what}: ${value} is beyond 2^53 bytes; no kernel allocator can serve it and it cannot be computed exactly`);
  }
  return value;
}
