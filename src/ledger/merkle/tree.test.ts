import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MissingNodeError, ProofError } from './errors.ts';
import { leafHash, nodeHash } from './hashing.ts';
import { refMth, refPath, refProof } from './reference.testing.ts';
import {
  CompactRange,
  consistencyProof,
  consistencySubtrees,
  inclusionProof,
  MemoryNodeStore,
  rootAt,
  rootFromLeaves,
  type NodeReader,
} from './tree.ts';

const leaf = (i: number) => leafHash(Buffer.from(`entry ${i}`));

function buildTree(n: number): { store: MemoryNodeStore; leaves: Buffer[]; roots: Buffer[] } {
  const store = new MemoryNodeStore();
  const range = new CompactRange();
  const leaves: Buffer[] = [];
  const roots: Buffer[] = [range.root()];
  for (let i = 0; i < n; i++) {
    leaves.push(leaf(i));
    store.put(range.append(leaves[i]!));
    roots.push(range.root());
  }
  return { store, leaves, roots };
}

/** A reader that counts its reads. */
function counting(reader: NodeReader): NodeReader & { reads: number } {
  const c = {
    reads: 0,
    get(level: number, index: number) {
      c.reads++;
      return reader.get(level, index);
    },
  };
  return c;
}

/** A reader of an imaginary huge tree: every node exists and hashes its coordinates. */
const synthetic: NodeReader = { get: (level, index) => leafHash(Buffer.from(`${level}/${index}`)) };

const log2 = (n: number) => Math.ceil(Math.log2(Math.max(n, 2)));

describe('CompactRange: the incremental root equals MTH of RFC 6962 §2.1 at every size', () => {
  const N = 300;
  const { leaves, roots } = buildTree(N);

  it(`matches rootFromLeaves and the recursive definition for every size 0–${N}`, () => {
    for (let n = 0; n <= N; n++) {
      const expected = refMth(leaves.slice(0, n));
      assert.deepEqual(roots[n], expected, `size ${n}`);
      assert.deepEqual(rootFromLeaves(leaves.slice(0, n)), expected, `size ${n}`);
    }
  });

  it('returns from append exactly the perfect subtrees the new leaf completes', () => {
    const range = new CompactRange();
    for (let i = 0; i < 130; i++) {
      const nodes = range.append(leaves[i]!);
      let trailingOnes = 0;
      while (((i >> trailingOnes) & 1) === 1) trailingOnes++;
      assert.equal(nodes.length, 1 + trailingOnes, `append #${i}`);
      for (const { level, index, hash } of nodes) {
        const width = 2 ** level;
        assert.equal((index + 1) * width, i + 1, `node (${level}, ${index}) ends at the new leaf`);
        assert.deepEqual(hash, refMth(leaves.slice(index * width, (index + 1) * width)));
      }
    }
  });

  it('resumes from the stored peaks (CompactRange.fromReader) and keeps appending', async () => {
    const { store } = buildTree(77);
    const resumed = await CompactRange.fromReader(store, 77);
    assert.equal(resumed.size, 77);
    assert.deepEqual(resumed.root(), roots[77]);
    for (let i = 77; i < 100; i++) resumed.append(leaves[i]!);
    assert.deepEqual(resumed.root(), roots[100]);
  });

  it('refuses peaks that do not fit the size, and leaf hashes that are not 32 bytes', () => {
    assert.throws(() => new CompactRange(3, [leaves[0]!]), ProofError);
    assert.throws(() => new CompactRange().append(Buffer.alloc(31)), (e: unknown) => e instanceof ProofError && e.reason === 'bad-hash-size');
  });
});

describe('Stored tree: roots at earlier sizes and proofs equal the RFC 6962 §2.1 definitions', () => {
  const N = 70;
  const { store, leaves, roots } = buildTree(N);

  it('rootAt(m) is MTH(D[0:m]) for every m ≤ n, from stored nodes', async () => {
    for (let m = 0; m <= N; m++) assert.deepEqual(await rootAt(store, m), roots[m], `size ${m}`);
  });

  it('inclusionProof(i, n) is PATH(i, D[n]) of §2.1.1 for every 0 ≤ i < n ≤ 70', async () => {
    for (let n = 1; n <= N; n++) {
      for (let i = 0; i < n; i++) assert.deepEqual(await inclusionProof(store, i, n), refPath(i, leaves.slice(0, n)), `PATH(${i}, D[${n}])`);
    }
  });

  it('consistencyProof(m, n) is PROOF(m, D[n]) of §2.1.2 for every 0 < m ≤ n ≤ 70', async () => {
    for (let n = 1; n <= N; n++) {
      for (let m = 1; m <= n; m++) assert.deepEqual(await consistencyProof(store, m, n), refProof(m, leaves.slice(0, n)), `PROOF(${m}, D[${n}])`);
    }
  });

  it('refuses what the RFC leaves undefined: index ≥ size, size1 = 0, size1 > size2', async () => {
    await assert.rejects(inclusionProof(store, 5, 5), (e: unknown) => e instanceof ProofError && e.reason === 'index-out-of-range');
    await assert.rejects(consistencyProof(store, 0, 5), (e: unknown) => e instanceof ProofError && e.reason === 'size1-zero');
    await assert.rejects(consistencyProof(store, 6, 5), (e: unknown) => e instanceof ProofError && e.reason === 'size1-exceeds-size2');
    await assert.rejects(inclusionProof(store, -1, 5), (e: unknown) => e instanceof ProofError && e.reason === 'invalid-index');
  });

  it('names the missing node (MissingNodeError) when asked beyond the stored size', async () => {
    await assert.rejects(rootAt(store, N + 1), (e: unknown) => e instanceof MissingNodeError && e.level === 0 && e.index === N);
  });
});

describe('Stored tree: roots and proofs read O(log n) nodes, never the whole tree', () => {
  it('for every size up to 2,000, rootAt reads ≤ log2 n + 1 nodes and each proof ≤ 2·⌈log2 n⌉', async () => {
    const { store } = buildTree(2000);
    for (let n = 1; n <= 2000; n += n < 64 ? 1 : 37) {
      const limit = 2 * log2(n);
      const r = counting(store);
      await rootAt(r, n);
      assert.ok(r.reads <= log2(n) + 1, `rootAt(${n}) read ${r.reads}`);
      for (const i of [0, n >> 1, n - 1]) {
        const c = counting(store);
        await inclusionProof(c, i, n);
        assert.ok(c.reads <= limit, `inclusion (${i}, ${n}) read ${c.reads} > ${limit}`);
      }
      for (const m of [1, n >> 1 || 1, n - 1 || 1, n]) {
        const c = counting(store);
        await consistencyProof(c, m, n);
        assert.ok(c.reads <= limit, `consistency (${m}, ${n}) read ${c.reads} > ${limit}`);
      }
    }
  });

  it('at sizes around 2^40 the reads stay within 2·⌈log2 n⌉ (a complexity check on a synthetic reader)', async () => {
    for (const n of [2 ** 40, 2 ** 40 + 1, 2 ** 40 - 1, 2 ** 40 + 123_456_789, 1_234_567_890_123]) {
      const limit = 2 * log2(n);
      for (const i of [0, 1, Math.floor(n / 3), n - 2, n - 1]) {
        const c = counting(synthetic);
        const proof = await inclusionProof(c, i, n);
        assert.ok(c.reads <= limit, `inclusion (${i}, ${n}) read ${c.reads} > ${limit}`);
        assert.ok(proof.length <= log2(n));
      }
      for (const m of [1, 2, Math.floor(n / 3), n - 1]) {
        const c = counting(synthetic);
        await consistencyProof(c, m, n);
        assert.ok(c.reads <= limit, `consistency (${m}, ${n}) read ${c.reads} > ${limit}`);
      }
    }
  });

  it('computes the right-hand partial subtree from stored perfect nodes, not from leaves', async () => {
    // Size 7 = 4 + 2 + 1: the sibling of leaf 0's path at the top is MTH(D[4:7]) = H(node(1,2), leaf 6).
    const { store } = buildTree(7);
    const c = counting(store);
    const proof = await inclusionProof(c, 0, 7);
    assert.deepEqual(proof.at(-1), nodeHash(store.get(1, 2)!, store.get(0, 6)!));
    assert.equal(c.reads, 4, 'leaf 1, node (1,1), node (1,2), leaf 6');
    // PROOF(3, D[7]) = SUBPROOF(1, D[2:4], false) : MTH(D[0:2]) : MTH(D[4:7]) = [2:3], [3:4], [0:2], [4:7].
    assert.deepEqual(consistencySubtrees(3, 7), [[2, 3], [3, 4], [0, 2], [4, 7]]);
  });
});
