/**
 * RFC 6962 §2.1 Merkle Tree Hash, audit paths (§2.1.1) and consistency proofs (§2.1.2) —
 * RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 — computed from stored perfect-subtree nodes
 * (see nodes.ts). Producing a root, an inclusion proof or a consistency proof for a tree of n
 * leaves reads O(log n) nodes: each proof element is either a stored perfect subtree (one read)
 * or, at most once per proof, a right-border subtree folded from ≤ log2(n)+1 stored peaks.
 */
import { isTreeInteger, largestPowerOfTwoBelow } from './bits.ts';
import { CompactRange } from './compact-range.ts';
import { ProofError } from './errors.ts';
import { emptyRoot, HASH_SIZE } from './hashing.ts';
import { foldPeaks, peakNodes, readNodes, type NodeReader } from './nodes.ts';

export { CompactRange } from './compact-range.ts';
export { MemoryNodeStore, type NodeReader, type StoredNode } from './nodes.ts';

/** Subtree is the leaf range [start, end) of a subtree that occurs in the RFC 6962 recursion. */
export type Subtree = readonly [start: number, end: number];

/**
 * rootFromLeaves is MTH(D[n]) of RFC 6962 §2.1 over leaf hashes (not entries: hash entries with
 * hashing.leafHash first). O(n) hashes, no recursion; emptyRoot() for an empty list.
 */
export function rootFromLeaves(leafHashes: readonly Uint8Array[]): Buffer {
  const range = new CompactRange();
  for (const leaf of leafHashes) range.append(leaf);
  return range.root();
}

/**
 * rootAt is MTH(D[0:size]) of a stored tree, for any size up to the stored size, read from
 * popcount(size) ≤ log2(size)+1 stored nodes. Requires size ≥ 0; emptyRoot() for 0.
 */
export async function rootAt(reader: NodeReader, size: number): Promise<Buffer> {
  checkInteger(size, 'invalid-size', 'size');
  if (size === 0) return emptyRoot();
  const [root] = await subtreeHashes(reader, [[0, size]]);
  return root!;
}

/**
 * subtreeHashes returns MTH(D[start:end]) for each subtree, reading each needed stored node once
 * (the reads are issued together). Requires every range to be a subtree of the RFC 6962
 * recursion: start < end and start a multiple of 2^⌈log2(end − start)⌉.
 */
export async function subtreeHashes(reader: NodeReader, subtrees: readonly Subtree[]): Promise<Buffer[]> {
  const plans = subtrees.map(([start, end]) => {
    if (!(isTreeInteger(start) && isTreeInteger(end) && start < end)) throw new RangeError(`[${start}, ${end}) is not a subtree`);
    return peakNodes(start, end);
  });
  // Each needed node is read once, all of them together (one query with a batching reader).
  const wanted = new Map<string, readonly [number, number]>();
  for (const plan of plans) for (const [level, index] of plan) wanted.set(`${level}/${index}`, [level, index]);
  const keys = [...wanted.keys()];
  const hashes = await readNodes(reader, [...wanted.values()]);
  const byKey = new Map(keys.map((k, i) => [k, hashes[i]!]));
  const peaks = plans.map((plan) => plan.map(([level, index]) => byKey.get(`${level}/${index}`)!));
  return peaks.map((p) => {
    for (const h of p) {
      if (h.length !== HASH_SIZE) throw new ProofError('bad-hash-size', `stored node has ${h.length} bytes, want ${HASH_SIZE}`);
    }
    return foldPeaks(p);
  });
}

/**
 * inclusionSubtrees lists the subtrees whose hashes form PATH(index, D[size]) of RFC 6962 §2.1.1
 * (RFC 9162 §2.1.3.1), leaf sibling first. Requires 0 ≤ index < size.
 */
export function inclusionSubtrees(index: number, size: number): Subtree[] {
  checkInteger(index, 'invalid-index', 'index');
  checkInteger(size, 'invalid-size', 'size');
  if (index >= size) throw new ProofError('index-out-of-range', `index ${index} is not below size ${size}`);
  const topDown: Subtree[] = [];
  let start = 0;
  let n = size;
  let m = index;
  while (n > 1) {
    const k = largestPowerOfTwoBelow(n);
    if (m < k) {
      topDown.push([start + k, start + n]);
      n = k;
    } else {
      topDown.push([start, start + k]);
      start += k;
      m -= k;
      n -= k;
    }
  }
  return topDown.reverse();
}

/**
 * consistencySubtrees lists the subtrees whose hashes form PROOF(size1, D[size2]) =
 * SUBPROOF(size1, D[size2], true) of RFC 6962 §2.1.2 (RFC 9162 §2.1.4.1), in proof order.
 * Requires 0 < size1 ≤ size2; the proof for size1 = size2 is empty.
 */
export function consistencySubtrees(size1: number, size2: number): Subtree[] {
  checkInteger(size1, 'invalid-size', 'size1');
  checkInteger(size2, 'invalid-size', 'size2');
  if (size1 === 0) throw new ProofError('size1-zero', 'a consistency proof from the empty tree is meaningless');
  if (size1 > size2) throw new ProofError('size1-exceeds-size2', `size1 ${size1} exceeds size2 ${size2}`);
  const topDown: Subtree[] = [];
  let start = 0;
  let m = size1;
  let n = size2;
  let whole = true; // the b flag of SUBPROOF: D[0:m] is a tree head the verifier already holds
  while (m !== n) {
    const k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      topDown.push([start + k, start + n]);
      n = k;
    } else {
      topDown.push([start, start + k]);
      start += k;
      m -= k;
      n -= k;
      whole = false;
    }
  }
  if (!whole) topDown.push([start, start + m]);
  return topDown.reverse();
}

/**
 * inclusionProof is the audit path of RFC 6962 §2.1.1 (RFC 9162 §2.1.3.1) for the leaf at
 * `index` in the stored tree's first `size` leaves, leaf sibling first. Requires
 * 0 ≤ index < size ≤ stored size; reads at most 2·⌈log2 size⌉ nodes.
 */
export async function inclusionProof(reader: NodeReader, index: number, size: number): Promise<Buffer[]> {
  return subtreeHashes(reader, inclusionSubtrees(index, size));
}

/**
 * consistencyProof is PROOF(size1, D[size2]) of RFC 6962 §2.1.2 (RFC 9162 §2.1.4.1) from the
 * stored tree. Requires 0 < size1 ≤ size2 ≤ stored size; reads at most 2·⌈log2 size2⌉ nodes.
 */
export async function consistencyProof(reader: NodeReader, size1: number, size2: number): Promise<Buffer[]> {
  return subtreeHashes(reader, consistencySubtrees(size1, size2));
}

function checkInteger(n: number, reason: 'invalid-index' | 'invalid-size', what: string): void {
  if (!isTreeInteger(n)) throw new ProofError(reason, `${what} ${n} is not a non-negative safe integer`);
}
