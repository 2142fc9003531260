import { DomainError, fail } from './errors.ts';

/**
 * Optimistic concurrency (DESIGN "Contracts"): a write names the version it read; if someone
 * changed the aggregate since, it gets 409 with the current state and changes nothing.
 */
export function checkVersion(expected: number | undefined, current: { version: number }, state: unknown): void {
  if (expected === undefined) throw fail('precondition-required', 428);
  if (expected !== current.version) {
    throw new DomainError('version-mismatch', '数据已被他人修改，请刷新后重试', 409, {
      expected,
      current: current.version,
      state,
    });
  }
}
