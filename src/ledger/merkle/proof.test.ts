import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ProofError, RootMismatchError } from './errors.ts';
import { leafHash } from './hashing.ts';
import { rootFromConsistencyProof, rootFromInclusionProof, verifyConsistency, verifyInclusion } from './proof.ts';
import { sharedVectorsOrSkip } from './shared-vectors.testing.ts';
import { CompactRange, consistencyProof, inclusionProof, MemoryNodeStore } from './tree.ts';

const VECTOR_COUNT = 196;

/** isRejection: the verifier refused with one of its typed errors (not a crash). */
const isRejection = (e: unknown) => e instanceof ProofError || e instanceof RootMismatchError;

const b64 = (s: string) => Buffer.from(s, 'base64');

function listJson(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

describe('RFC 9162 §2.1.3.2 and §2.1.4.2 against the transparency-dev/merkle vectors (../shared/testvectors/merkle)', () => {
  it(`gives every one of the ${VECTOR_COUNT} vectors the result its wantErr says`, async (t) => {
    const dir = sharedVectorsOrSkip(t, 'merkle/testdata');
    if (dir === undefined) return;
    let ran = 0;
    let accepted = 0;
    for (const file of listJson(dir)) {
      const name = path.relative(dir, file);
      const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      const proof = ((v.proof as string[] | null) ?? []).map(b64);
      let verify: () => void;
      if (name.startsWith('inclusion')) {
        verify = () => verifyInclusion(b64(v.leafHash as string), v.leafIdx as number, v.treeSize as number, proof, b64(v.root as string));
      } else if (name.startsWith('consistency')) {
        verify = () => verifyConsistency(v.size1 as number, v.size2 as number, proof, b64(v.root1 as string), b64(v.root2 as string));
      } else {
        assert.fail(`unexpected vector ${name}`);
      }
      await t.test(`${name}: ${v.desc as string}`, () => {
        if (v.wantErr === true) assert.throws(verify, isRejection);
        else assert.doesNotThrow(verify);
      });
      ran++;
      if (v.wantErr !== true) accepted++;
    }
    assert.ok(ran >= VECTOR_COUNT, `ran ${ran} vector files, expected ${VECTOR_COUNT}`);
    assert.equal(accepted, 12, 'the README lists 12 vectors that verify');
  });
});

describe('RFC 9162 §2.1.3.2 / §2.1.4.2 preconditions', () => {
  const h = leafHash(Buffer.from('x'));
  const reason = (r: string) => (e: unknown) => e instanceof ProofError && e.reason === r;

  it('inclusion requires 0 ≤ index < size and 32-byte leaf and proof hashes', () => {
    assert.throws(() => verifyInclusion(h, 1, 1, [], h), reason('index-out-of-range'));
    assert.throws(() => verifyInclusion(h, 0, 0, [], h), reason('index-out-of-range'));
    assert.throws(() => verifyInclusion(h, -1, 1, [], h), reason('invalid-index'));
    assert.throws(() => verifyInclusion(h, 0.5, 1, [], h), reason('invalid-index'));
    assert.throws(() => verifyInclusion(h.subarray(1), 0, 1, [], h), reason('bad-hash-size'));
    assert.throws(() => verifyInclusion(h, 0, 2, [Buffer.alloc(33)], h), reason('bad-hash-size'));
    assert.throws(() => verifyInclusion(h, 0, 2, [], h), reason('proof-too-short'));
    assert.throws(() => verifyInclusion(h, 0, 1, [h], h), reason('proof-too-long'));
    assert.deepEqual(rootFromInclusionProof(h, 0, 1, []), h);
  });

  it('consistency requires 0 < size1 ≤ size2, and an empty proof (with equal roots) exactly when size1 = size2', () => {
    assert.throws(() => verifyConsistency(0, 0, [], h, h), reason('size1-zero'));
    assert.throws(() => verifyConsistency(0, 3, [h], h, h), reason('size1-zero'));
    assert.throws(() => verifyConsistency(3, 2, [], h, h), reason('size1-exceeds-size2'));
    assert.throws(() => verifyConsistency(2, 2, [h], h, h), reason('proof-not-empty'));
    assert.throws(() => verifyConsistency(2, 3, [], h, h), reason('empty-proof'));
    assert.throws(() => verifyConsistency(2, 2, [], h, leafHash(Buffer.from('y'))), RootMismatchError);
    assert.doesNotThrow(() => verifyConsistency(2, 2, [], h, h));
    assert.deepEqual(rootFromConsistencyProof(5, 5, [], h), h);
  });

  it('reports a wrong root as RootMismatchError{expected, calculated}', () => {
    const other = leafHash(Buffer.from('y'));
    assert.throws(
      () => verifyInclusion(h, 0, 1, [], other),
      (e: unknown) => e instanceof RootMismatchError && e.expected.equals(other) && e.calculated.equals(h),
    );
  });
});

// One stored tree of 2,000 distinct leaves and its root at every size.
const N = 2000;
const store = new MemoryNodeStore();
const leaves: Buffer[] = [];
const roots: Buffer[] = [];
{
  const range = new CompactRange();
  roots.push(range.root());
  for (let i = 0; i < N; i++) {
    leaves.push(leafHash(Buffer.from(`leaf ${i}`)));
    store.put(range.append(leaves[i]!));
    roots.push(range.root());
  }
}

const flipBit = (proof: readonly Buffer[], elem: number, bit: number): Buffer[] =>
  proof.map((p, j) => {
    if (j !== elem) return p;
    const q = Buffer.from(p);
    q[bit >> 3]! ^= 1 << (bit & 7);
    return q;
  });

describe('Property: every proof produced from the stored nodes verifies (fast-check, sizes up to 2,000)', () => {
  it('every inclusion proof (0 ≤ i < n) verifies against the root of size n', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: N }), async (n) => {
        for (let i = 0; i < n; i++) verifyInclusion(leaves[i]!, i, n, await inclusionProof(store, i, n), roots[n]!);
      }),
      { numRuns: 8, examples: [[1], [2], [N], [1024], [1023], [1025]] },
    );
  });

  it('every consistency proof (0 < m ≤ n) verifies between the roots of sizes m and n', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: N }), async (n) => {
        for (let m = 1; m <= n; m++) verifyConsistency(m, n, await consistencyProof(store, m, n), roots[m]!, roots[n]!);
      }),
      { numRuns: 8, examples: [[1], [2], [N], [1024], [1023], [1025]] },
    );
  });
});

const elementMutation: fc.Arbitrary<ElementMutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), elem: fc.nat(), bit: fc.nat(255) }),
  fc.record({ kind: fc.constant('drop' as const), elem: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), elem: fc.nat(), extra: fc.uint8Array({ minLength: 32, maxLength: 32 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), elem: fc.nat() }),
);

type ElementMutation = { kind: 'flip'; elem: number; bit: number } | { kind: 'drop' | 'duplicate'; elem: number } | { kind: 'add'; elem: number; extra: Uint8Array };

function mutateElements(proof: readonly Buffer[], m: ElementMutation): Buffer[] {
  const at = m.kind === 'add' ? m.elem % (proof.length + 1) : m.elem % Math.max(proof.length, 1);
  switch (m.kind) {
    case 'flip':
      return flipBit(proof, at, m.bit);
    case 'drop':
      return proof.filter((_, j) => j !== at);
    case 'add':
      return [...proof.slice(0, at), Buffer.from(m.extra), ...proof.slice(at)];
    case 'duplicate':
      return [...proof.slice(0, at + 1), ...proof.slice(at)];
  }
}

describe('Property: any change to a proof or to what it claims is rejected (fast-check)', () => {
  it('inclusion: a flipped bit, a dropped, added or repeated element, another index or another size is rejected', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: N }),
        fc.nat(),
        fc.oneof(
          elementMutation,
          fc.record({ kind: fc.constant('index' as const), to: fc.integer({ min: -5, max: N + 5 }) }),
          fc.record({ kind: fc.constant('size' as const), to: fc.integer({ min: 0, max: N }) }),
        ),
        async (n, i0, mutation) => {
          const i = i0 % n;
          const proof = await inclusionProof(store, i, n);
          verifyInclusion(leaves[i]!, i, n, proof, roots[n]!);
          if (mutation.kind === 'index') {
            fc.pre(mutation.to !== i);
            assert.throws(() => verifyInclusion(leaves[i]!, mutation.to, n, proof, roots[n]!), isRejection);
          } else if (mutation.kind === 'size') {
            fc.pre(mutation.to !== n);
            // The claim "leaf i is in the tree of size n′" is checked against that tree's root.
            assert.throws(() => verifyInclusion(leaves[i]!, i, mutation.to, proof, roots[mutation.to]!), isRejection);
          } else {
            fc.pre(proof.length > 0 || mutation.kind === 'add');
            assert.throws(() => verifyInclusion(leaves[i]!, i, n, mutateElements(proof, mutation), roots[n]!), isRejection);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('consistency: a flipped bit, a dropped, added or repeated element, another size1 or size2 is rejected', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: N }),
        fc.nat(),
        fc.oneof(
          elementMutation,
          fc.record({ kind: fc.constant('size1' as const), to: fc.integer({ min: 0, max: N }) }),
          fc.record({ kind: fc.constant('size2' as const), to: fc.integer({ min: 0, max: N }) }),
        ),
        async (n, m0, mutation) => {
          const m = 1 + (m0 % n);
          const proof = await consistencyProof(store, m, n);
          verifyConsistency(m, n, proof, roots[m]!, roots[n]!);
          if (mutation.kind === 'size1') {
            fc.pre(mutation.to !== m);
            assert.throws(() => verifyConsistency(mutation.to, n, proof, roots[mutation.to]!, roots[n]!), isRejection);
          } else if (mutation.kind === 'size2') {
            fc.pre(mutation.to !== n);
            assert.throws(() => verifyConsistency(m, mutation.to, proof, roots[m]!, roots[mutation.to]!), isRejection);
          } else {
            fc.pre(proof.length > 0 || mutation.kind === 'add');
            assert.throws(() => verifyConsistency(m, n, mutateElements(proof, mutation), roots[m]!, roots[n]!), isRejection);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('exhaustively for n ≤ 12: every bit of every element of every proof matters', async () => {
    for (let n = 1; n <= 12; n++) {
      for (let i = 0; i < n; i++) {
        const proof = await inclusionProof(store, i, n);
        for (let e = 0; e < proof.length; e++) {
          for (let bit = 0; bit < 256; bit++) {
            assert.throws(() => verifyInclusion(leaves[i]!, i, n, flipBit(proof, e, bit), roots[n]!), RootMismatchError);
          }
        }
      }
      for (let m = 1; m < n; m++) {
        const proof = await consistencyProof(store, m, n);
        for (let e = 0; e < proof.length; e++) {
          for (let bit = 0; bit < 256; bit++) {
            assert.throws(() => verifyConsistency(m, n, flipBit(proof, e, bit), roots[m]!, roots[n]!), RootMismatchError);
          }
        }
      }
    }
  });
});
