import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { emptyRoot, leafHash, nodeHash } from './hashing.ts';
import { CompactRange, MemoryNodeStore, rootFromLeaves } from './tree.ts';
import { refLeaf, refMth } from './reference.testing.ts';

/** The leaf inputs of the RFC 6962 reference tests (certificate-transparency, transparency-dev/merkle). */
const INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) =>
  Buffer.from(h, 'hex'),
);

/** The published reference roots of those inputs, by tree size 0–8. */
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** The perfect subtrees of the size-8 reference tree, by level then index. */
const NODES = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  ['d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
];

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest();

describe('RFC 6962 §2.1 the empty tree hashes to SHA-256 of the empty string', () => {
  it('emptyRoot is e3b0c442…b855', () => {
    assert.equal(emptyRoot().toString('hex'), ROOTS[0]);
    assert.equal(rootFromLeaves([]).toString('hex'), ROOTS[0]);
  });
});

describe('RFC 6962 §2.1 leaves are SHA-256(0x00 ‖ d) and nodes SHA-256(0x01 ‖ left ‖ right)', () => {
  it('hashes the empty entry to 6e340b9c…a01d, the size-1 reference root', () => {
    assert.equal(leafHash(Buffer.alloc(0)).toString('hex'), ROOTS[1]);
  });

  it('separates leaves from nodes and from plain SHA-256 (domain separation)', () => {
    const a = leafHash(INPUTS[1]!);
    const b = leafHash(INPUTS[2]!);
    const both = Buffer.concat([a, b]);
    assert.deepEqual(leafHash(INPUTS[3]!), sha256(Buffer.concat([Buffer.from([0]), INPUTS[3]!])));
    assert.deepEqual(nodeHash(a, b), sha256(Buffer.concat([Buffer.from([1]), both])));
    assert.notDeepEqual(nodeHash(a, b), leafHash(both));
    assert.notDeepEqual(nodeHash(a, b), sha256(both));
    assert.notDeepEqual(leafHash(both), sha256(both));
  });

  it('is not symmetric in the children (no sorting of the pair)', () => {
    const a = leafHash(INPUTS[1]!);
    const b = leafHash(INPUTS[2]!);
    assert.notDeepEqual(nodeHash(a, b), nodeHash(b, a));
  });
});

describe('RFC 6962 §2.1 reference roots of the standard inputs, sizes 0–8', () => {
  const leaves = INPUTS.map(leafHash);
  for (let n = 0; n <= 8; n++) {
    it(`size ${n}: rootFromLeaves, CompactRange and the recursive definition give ${ROOTS[n]!.slice(0, 8)}…`, () => {
      assert.equal(rootFromLeaves(leaves.slice(0, n)).toString('hex'), ROOTS[n]);
      const range = new CompactRange();
      for (const l of leaves.slice(0, n)) range.append(l);
      assert.equal(range.root().toString('hex'), ROOTS[n]);
      assert.equal(refMth(INPUTS.slice(0, n).map(refLeaf)).toString('hex'), ROOTS[n]);
    });
  }

  it('stores exactly the reference perfect subtrees of the size-8 tree', () => {
    const range = new CompactRange();
    const store = new MemoryNodeStore();
    let stored = 0;
    for (const l of leaves) {
      const nodes = range.append(l);
      stored += nodes.length;
      store.put(nodes);
    }
    assert.equal(stored, 8 + 4 + 2 + 1);
    NODES.forEach((level, l) => level.forEach((hex, i) => assert.equal(store.get(l, i)?.toString('hex'), hex, `node (${l}, ${i})`)));
  });
});
