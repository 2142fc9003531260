/**
 * Integer helpers for tree sizes and indices. Sizes are JavaScript numbers limited to
 * Number.MAX_SAFE_INTEGER (2^53 − 1), so these use arithmetic rather than the 32-bit bitwise
 * operators.
 */

/** isTreeInteger reports whether n is a non-negative safe integer (a valid size or index). */
export function isTreeInteger(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** lsb reports whether the least significant bit of n is set (the RFC 9162 LSB(n)). Requires n ≥ 0. */
export function lsb(n: number): boolean {
  return n % 2 === 1;
}

/** shr1 is n >> 1 for any safe integer n ≥ 0. */
export function shr1(n: number): number {
  return Math.floor(n / 2);
}

/** pow2 is 2^level. Requires 0 ≤ level ≤ 52. */
export function pow2(level: number): number {
  return 2 ** level;
}

/** bitAt reports whether bit `level` of n is set. Requires n ≥ 0. */
export function bitAt(n: number, level: number): boolean {
  return Math.floor(n / 2 ** level) % 2 === 1;
}

/** isPowerOfTwo reports whether n = 2^k for some k ≥ 0. */
export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

/**
 * largestPowerOfTwoBelow is the k of RFC 6962 §2.1: the largest power of two strictly smaller
 * than n. Requires n > 1.
 */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** bitLength is the number of bits needed to write n (0 for n = 0). */
export function bitLength(n: number): number {
  let bits = 0;
  while (n > 0) {
    n = Math.floor(n / 2);
    bits++;
  }
  return bits;
}
