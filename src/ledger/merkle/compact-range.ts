/**
 * A compact range [0, size) of an RFC 6962 tree: the hashes of the perfect subtrees ("peaks")
 * that the binary digits of `size` decompose it into, largest first. Appending a leaf merges
 * equal-sized peaks, which yields exactly the perfect-subtree nodes that became complete; a log
 * stores those and never recomputes the tree.
 */
import { bitAt, isTreeInteger } from './bits.ts';
import { ProofError } from './errors.ts';
import { HASH_SIZE, nodeHash } from './hashing.ts';
import { foldPeaks, peakLevels, peakNodes, readNodes, type NodeReader, type StoredNode } from './nodes.ts';

/** CompactRange is the append-only frontier of a Merkle tree (RFC 6962 §2.1 MTH over [0, size)). */
export class CompactRange {
  #size: number;
  #peaks: Buffer[];

  /**
   * new CompactRange(size, peaks) resumes a range from its peaks, largest subtree first.
   * Requires peaks.length = popcount(size) and every peak HASH_SIZE bytes; defaults to empty.
   */
  constructor(size = 0, peaks: readonly Uint8Array[] = []) {
    if (!isTreeInteger(size)) throw new ProofError('invalid-size', `size ${size} is not a non-negative safe integer`);
    if (peaks.length !== peakLevels(size).length) {
      throw new ProofError('invalid-size', `a range of size ${size} has ${peakLevels(size).length} peaks, got ${peaks.length}`);
    }
    for (const p of peaks) {
      if (p.length !== HASH_SIZE) throw new ProofError('bad-hash-size', `peak has ${p.length} bytes, want ${HASH_SIZE}`);
    }
    this.#size = size;
    this.#peaks = peaks.map((p) => Buffer.from(p));
  }

  /**
   * CompactRange.fromReader resumes the range of a stored tree of the given size, reading its
   * popcount(size) ≤ log2(size)+1 peak nodes. Throws MissingNodeError if one is absent.
   */
  static async fromReader(reader: NodeReader, size: number): Promise<CompactRange> {
    if (!isTreeInteger(size)) throw new ProofError('invalid-size', `size ${size} is not a non-negative safe integer`);
    const peaks = await readNodes(reader, peakNodes(0, size));
    return new CompactRange(size, peaks);
  }

  /** size is the number of leaves appended so far. */
  get size(): number {
    return this.#size;
  }

  /** peaks returns copies of the perfect-subtree hashes covering [0, size), largest first. */
  peaks(): Buffer[] {
    return this.#peaks.map((p) => Buffer.from(p));
  }

  /**
   * append adds the leaf hash at index `size` and returns every perfect-subtree node completed by
   * it, bottom-up: the leaf itself (level 0) and each merged parent. Store all of them. Requires a
   * HASH_SIZE-byte leaf hash (see hashing.leafHash).
   */
  append(leaf: Uint8Array): StoredNode[] {
    if (leaf.length !== HASH_SIZE) throw new ProofError('bad-hash-size', `leaf hash has ${leaf.length} bytes, want ${HASH_SIZE}`);
    let hash: Buffer = Buffer.from(leaf);
    let index = this.#size;
    const completed: StoredNode[] = [{ level: 0, index, hash }];
    for (let level = 0; bitAt(this.#size, level); level++) {
      const left = this.#peaks.pop();
      if (left === undefined) throw new Error('compact range invariant broken: missing peak');
      hash = nodeHash(left, hash);
      index = Math.floor(index / 2);
      completed.push({ level: level + 1, index, hash });
    }
    this.#peaks.push(hash);
    this.#size++;
    return completed;
  }

  /** root is MTH(D[0:size]) of RFC 6962 §2.1: the peaks folded right to left; emptyRoot() if size = 0. */
  root(): Buffer {
    return foldPeaks(this.#peaks);
  }
}
