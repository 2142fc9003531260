/**
 * Stored nodes of an RFC 6962 tree. Only perfect subtrees are stored: node (level, index) is the
 * hash of leaves [index·2^level, (index+1)·2^level); level 0 holds the leaf hashes. Such a node
 * never changes once complete, so it can be written once and read forever; the hash of any
 * other subtree (a right border of a tree whose size is not a power of two) is folded from at
 * most log2(n)+1 of them.
 */
import { bitAt, pow2 } from './bits.ts';
import { MissingNodeError } from './errors.ts';
import { emptyRoot, nodeHash } from './hashing.ts';

/** NodeReader reads stored perfect-subtree hashes; `undefined` when the node is not stored. */
export interface NodeReader {
  get(level: number, index: number): Promise<Buffer | undefined> | Buffer | undefined;
  /**
   * Optionally, several nodes at once, in the order asked (`undefined` where not stored): a
   * database reads a proof's O(log n) nodes in one query instead of one query each.
   */
  getMany?(nodes: ReadonlyArray<readonly [level: number, index: number]>): Promise<Array<Buffer | undefined>>;
}

/** StoredNode is one perfect-subtree hash to persist, as returned by CompactRange.append. */
export interface StoredNode {
  level: number;
  index: number;
  hash: Buffer;
}

/** readNode reads node (level, index) from the reader or throws MissingNodeError. */
export async function readNode(reader: NodeReader, level: number, index: number): Promise<Buffer> {
  const hash = await reader.get(level, index);
  if (hash === undefined) throw new MissingNodeError(level, index);
  return hash;
}

/** readNodes reads the nodes, in order, with one `getMany` where the reader has it; throws MissingNodeError for an absent one. */
export async function readNodes(reader: NodeReader, nodes: ReadonlyArray<readonly [level: number, index: number]>): Promise<Buffer[]> {
  if (!reader.getMany) return Promise.all(nodes.map(([level, index]) => readNode(reader, level, index)));
  if (nodes.length === 0) return [];
  const hashes = await reader.getMany(nodes);
  return nodes.map(([level, index], i) => {
    const hash = hashes[i];
    if (hash === undefined) throw new MissingNodeError(level, index);
    return hash;
  });
}

/** MemoryNodeStore keeps stored nodes in memory: a NodeReader for tests and small logs. */
export class MemoryNodeStore implements NodeReader {
  readonly #levels: Buffer[][] = [];

  /** put stores nodes (e.g. the result of CompactRange.append); an existing node is overwritten. */
  put(nodes: Iterable<StoredNode>): void {
    for (const { level, index, hash } of nodes) {
      (this.#levels[level] ??= [])[index] = hash;
    }
  }

  get(level: number, index: number): Buffer | undefined {
    return this.#levels[level]?.[index];
  }
}

/** foldPeaks hashes perfect-subtree hashes (largest first) into the RFC 6962 root of their union. */
export function foldPeaks(peaks: readonly Uint8Array[]): Buffer {
  const last = peaks.at(-1);
  if (last === undefined) return emptyRoot();
  let root: Buffer = Buffer.from(last);
  for (let i = peaks.length - 2; i >= 0; i--) root = nodeHash(peaks[i]!, root);
  return root;
}

/** peakLevels lists the levels of the perfect subtrees of a range of `size` leaves, largest first. */
export function peakLevels(size: number): number[] {
  const levels: number[] = [];
  for (let level = 52; level >= 0; level--) if (bitAt(size, level)) levels.push(level);
  return levels;
}

/**
 * peakNodes decomposes [start, end) into aligned perfect subtrees, largest first, as
 * [level, index] pairs. Requires `start` to be a multiple of the largest of them, which holds for
 * every subtree of the RFC 6962 recursion (start a multiple of 2^⌈log2(end−start)⌉).
 */
export function peakNodes(start: number, end: number): Array<[level: number, index: number]> {
  const nodes: Array<[number, number]> = [];
  let pos = start;
  for (const level of peakLevels(end - start)) {
    const width = pow2(level);
    if (pos % width !== 0) throw new RangeError(`[${start}, ${end}) is not a subtree of an RFC 6962 tree`);
    nodes.push([level, pos / width]);
    pos += width;
  }
  return nodes;
}
