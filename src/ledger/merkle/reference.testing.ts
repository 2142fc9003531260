/**
 * Test support: RFC 6962 §2.1 written out as its recursive definitions, with createHash rather
 * than the library's hashing module, so the library is checked against an independent reading
 * of the RFC. Quadratic and slow on purpose; for small trees only.
 */
import { createHash } from 'node:crypto';

function sha256(...parts: Uint8Array[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** refLeaf is SHA-256(0x00 ‖ d). */
export function refLeaf(d: Uint8Array): Buffer {
  return sha256(Buffer.from([0]), d);
}

function k(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** refMth is MTH(D[n]) of RFC 6962 §2.1 over leaf hashes. */
export function refMth(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0]!;
  const split = k(leaves.length);
  return sha256(Buffer.from([1]), refMth(leaves.slice(0, split)), refMth(leaves.slice(split)));
}

/** refPath is PATH(m, D[n]) of RFC 6962 §2.1.1. */
export function refPath(m: number, leaves: readonly Buffer[]): Buffer[] {
  if (leaves.length <= 1) return [];
  const split = k(leaves.length);
  return m < split
    ? [...refPath(m, leaves.slice(0, split)), refMth(leaves.slice(split))]
    : [...refPath(m - split, leaves.slice(split)), refMth(leaves.slice(0, split))];
}

/** refProof is PROOF(m, D[n]) = SUBPROOF(m, D[n], true) of RFC 6962 §2.1.2. */
export function refProof(m: number, leaves: readonly Buffer[]): Buffer[] {
  return subproof(m, leaves, true);
}

function subproof(m: number, leaves: readonly Buffer[], b: boolean): Buffer[] {
  const n = leaves.length;
  if (m === n) return b ? [] : [refMth(leaves)];
  const split = k(n);
  return m <= split
    ? [...subproof(m, leaves.slice(0, split), b), refMth(leaves.slice(split))]
    : [...subproof(m - split, leaves.slice(split), false), refMth(leaves.slice(0, split))];
}
