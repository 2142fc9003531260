import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { ProofError, RootMismatchError } from '../merkle/errors.ts';
import { leafHash } from '../merkle/hashing.ts';
import { CompactRange, inclusionProof, MemoryNodeStore } from '../merkle/tree.ts';
import { signCheckpoint } from './checkpoint.ts';
import { CheckpointError, TlogProofError, UnverifiedNoteError } from './errors.ts';
import { ed25519Signer } from './keys.ts';
import { parseTlogProof, tlogProof, verifyTlogProof } from './tlog-proof.ts';

const ORIGIN = 'example.org/log';
const log = ed25519Signer(ORIGIN, randomBytes(32));
const policy = { origin: ORIGIN, log: log.verifier };

const store = new MemoryNodeStore();
const range = new CompactRange();
const entries = Array.from({ length: 13 }, (_, i) => Buffer.from(`event ${i}`));
for (const e of entries) store.put(range.append(leafHash(e)));
const checkpoint = signCheckpoint({ origin: ORIGIN, size: range.size, rootHash: range.root() }, [log]);

describe('C2SP tlog-proof: `c2sp.org/tlog-proof@v1\\nindex <n>\\n<base64 hash per line>\\n\\n<signed checkpoint>`', () => {
  it('writes the header, the index, one hash per line, a blank line and the checkpoint verbatim', async () => {
    const hashes = await inclusionProof(store, 5, 13);
    const text = tlogProof(5, hashes, checkpoint);
    assert.equal(text, `c2sp.org/tlog-proof@v1\nindex 5\n${hashes.map((h) => h.toString('base64') + '\n').join('')}\n${checkpoint}`);
  });

  it('parses what it writes, with and without extra data', async () => {
    const hashes = await inclusionProof(store, 12, 13);
    assert.deepEqual(parseTlogProof(tlogProof(12, hashes, checkpoint)), { index: 12, proof: hashes, checkpoint });
    const extra = Buffer.from('context');
    const text = tlogProof(12, hashes, checkpoint, extra);
    assert.ok(text.startsWith(`c2sp.org/tlog-proof@v1\nextra ${extra.toString('base64')}\nindex 12\n`));
    assert.deepEqual(parseTlogProof(text), { index: 12, proof: hashes, checkpoint, extra });
  });

  it('verifies offline: the log signed the checkpoint and the path leads from the entry to its root', async () => {
    for (let i = 0; i < entries.length; i++) {
      const text = tlogProof(i, await inclusionProof(store, i, 13), checkpoint);
      const result = verifyTlogProof(text, leafHash(entries[i]!), policy);
      assert.equal(result.index, i);
      assert.equal(result.checkpoint.size, 13);
    }
  });

  it('rejects another entry, another index, an unsigned or foreign checkpoint', async () => {
    const text = tlogProof(5, await inclusionProof(store, 5, 13), checkpoint);
    assert.throws(() => verifyTlogProof(text, leafHash(entries[6]!), policy), RootMismatchError);
    assert.throws(() => verifyTlogProof(text.replace('index 5', 'index 6'), leafHash(entries[5]!), policy), RootMismatchError);
    assert.throws(() => verifyTlogProof(text.replace('index 5', 'index 13'), leafHash(entries[5]!), policy), ProofError);
    const stranger = ed25519Signer(ORIGIN, randomBytes(32));
    assert.throws(() => verifyTlogProof(text, leafHash(entries[5]!), { origin: ORIGIN, log: stranger.verifier }), UnverifiedNoteError);
    assert.throws(() => verifyTlogProof(text, leafHash(entries[5]!), { origin: 'example.org/other', log: log.verifier }), CheckpointError);
  });

  it('refuses malformed proofs', async () => {
    const hashes = await inclusionProof(store, 5, 13);
    const good = tlogProof(5, hashes, checkpoint);
    const bad = [
      good.replace('c2sp.org/tlog-proof@v1', 'c2sp.org/tlog-proof@v2'),
      good.replace('index 5', 'index 05'),
      good.replace('index 5', 'index -5'),
      good.replace('index 5', 'idx 5'),
      good.replace(hashes[0]!.toString('base64'), hashes[0]!.subarray(1).toString('base64')),
      good.replace(hashes[0]!.toString('base64'), 'not base64!'),
      good.slice(0, good.indexOf('\n\n') + 2),
      'c2sp.org/tlog-proof@v1\nindex 5',
    ];
    for (const text of bad) assert.throws(() => parseTlogProof(text), TlogProofError, JSON.stringify(text.slice(0, 60)));
  });
});
