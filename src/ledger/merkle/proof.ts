/**
 * Verification of inclusion and consistency proofs, step by step as RFC 9162 §2.1.3.2 and
 * §2.1.4.2 (the same proofs as RFC 6962). Functions return normally or throw ProofError (the
 * proof or its inputs are malformed) or RootMismatchError (well formed, but leads elsewhere).
 *
 * Leaf hashes and proof elements must be HASH_SIZE bytes. Roots are compared byte for byte, so
 * a root of any other length simply fails to match (as in transparency-dev/merkle); a first root
 * that is itself hashed (RFC 9162 §2.1.4.2 step 2) must be HASH_SIZE bytes.
 */
import { isPowerOfTwo, isTreeInteger, lsb, shr1 } from './bits.ts';
import { ProofError, RootMismatchError } from './errors.ts';
import { HASH_SIZE, nodeHash } from './hashing.ts';

/**
 * rootFromInclusionProof runs RFC 9162 §2.1.3.2 steps 1–4 and the `sn = 0` check of step 5,
 * returning the root implied by the leaf hash at `index` and its audit path in a tree of `size`
 * leaves. Requires 0 ≤ index < size and a proof of exactly the audit path's length.
 */
export function rootFromInclusionProof(leafHash: Uint8Array, index: number, size: number, proof: readonly Uint8Array[]): Buffer {
  if (!isTreeInteger(index)) throw new ProofError('invalid-index', `index ${index} is not a non-negative safe integer`);
  if (!isTreeInteger(size)) throw new ProofError('invalid-size', `size ${size} is not a non-negative safe integer`);
  // Step 1.
  if (index >= size) throw new ProofError('index-out-of-range', `index ${index} is not below size ${size}`);
  checkHash(leafHash, 'leaf hash');
  proof.forEach((p, i) => checkHash(p, `proof[${i}]`));
  // Steps 2 and 3.
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leafHash);
  // Step 4.
  for (const p of proof) {
    if (sn === 0) throw new ProofError('proof-too-long', `the proof has more than the path's elements for index ${index} in size ${size}`);
    if (lsb(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = shr1(fn);
          sn = shr1(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = shr1(fn);
    sn = shr1(sn);
  }
  // Step 5, first half.
  if (sn !== 0) throw new ProofError('proof-too-short', `the proof lacks elements of the path for index ${index} in size ${size}`);
  return r;
}

/**
 * verifyInclusion checks, as RFC 9162 §2.1.3.2, that the leaf hash is at `index` in the tree of
 * `size` leaves whose root is `root`. Requires 0 ≤ index < size. Throws ProofError or
 * RootMismatchError{expected: root, calculated}.
 */
export function verifyInclusion(leafHash: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): void {
  const calculated = rootFromInclusionProof(leafHash, index, size, proof);
  verifyMatch(calculated, root);
}

/**
 * rootFromConsistencyProof runs RFC 9162 §2.1.4.2, checks that the proof leads to `root1`, and
 * returns the root it implies for the tree of size2 leaves. Requires 0 < size1 ≤ size2; when
 * size1 = size2 the proof must be empty and root1 is returned unchanged.
 */
export function rootFromConsistencyProof(size1: number, size2: number, proof: readonly Uint8Array[], root1: Uint8Array): Buffer {
  if (!isTreeInteger(size1)) throw new ProofError('invalid-size', `size1 ${size1} is not a non-negative safe integer`);
  if (!isTreeInteger(size2)) throw new ProofError('invalid-size', `size2 ${size2} is not a non-negative safe integer`);
  if (size1 === 0) throw new ProofError('size1-zero', 'a consistency proof from the empty tree is meaningless');
  if (size1 > size2) throw new ProofError('size1-exceeds-size2', `size1 ${size1} exceeds size2 ${size2}`);
  if (size1 === size2) {
    if (proof.length !== 0) throw new ProofError('proof-not-empty', 'trees of equal size need an empty consistency proof');
    return Buffer.from(root1);
  }
  // Step 1.
  if (proof.length === 0) throw new ProofError('empty-proof', `a consistency proof from ${size1} to ${size2} cannot be empty`);
  proof.forEach((p, i) => checkHash(p, `proof[${i}]`));
  // Step 2.
  const path: readonly Uint8Array[] = isPowerOfTwo(size1) ? [checkHash(root1, 'root1'), ...proof] : proof;
  // Step 3.
  let fn = size1 - 1;
  let sn = size2 - 1;
  // Step 4.
  while (lsb(fn)) {
    fn = shr1(fn);
    sn = shr1(sn);
  }
  // Step 5.
  let fr: Buffer = Buffer.from(path[0]!);
  let sr: Buffer = fr;
  // Step 6.
  for (const c of path.slice(1)) {
    if (sn === 0) throw new ProofError('proof-too-long', `the proof has more elements than one from ${size1} to ${size2}`);
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = shr1(fn);
          sn = shr1(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = shr1(fn);
    sn = shr1(sn);
  }
  // Step 7.
  if (sn !== 0) throw new ProofError('proof-too-short', `the proof lacks elements of one from ${size1} to ${size2}`);
  verifyMatch(fr, root1);
  return sr;
}

/**
 * verifyConsistency checks, as RFC 9162 §2.1.4.2, that the tree of size2 leaves with root2
 * extends the tree of size1 leaves with root1. Requires 0 < size1 ≤ size2 (size1 = size2 needs
 * an empty proof and equal roots). Throws ProofError or RootMismatchError{expected, calculated}.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  const calculated = rootFromConsistencyProof(size1, size2, proof, root1);
  verifyMatch(calculated, root2);
}

function verifyMatch(calculated: Buffer, expected: Uint8Array): void {
  if (!calculated.equals(expected)) throw new RootMismatchError(Buffer.from(expected), calculated);
}

function checkHash(h: Uint8Array, what: string): Uint8Array {
  if (h.length !== HASH_SIZE) throw new ProofError('bad-hash-size', `${what} has ${h.length} bytes, want ${HASH_SIZE}`);
  return h;
}
