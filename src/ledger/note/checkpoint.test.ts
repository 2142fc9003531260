import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { RootMismatchError } from '../merkle/errors.ts';
import { leafHash } from '../merkle/hashing.ts';
import { verifyConsistency } from '../merkle/proof.ts';
import { CompactRange, consistencyProof, MemoryNodeStore } from '../merkle/tree.ts';
import { checkpointBody, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint.ts';
import { CheckpointError, UnverifiedNoteError } from './errors.ts';
import { ed25519Signer } from './keys.ts';
import { signNote } from './note.ts';

const ORIGIN = 'example.org/log';
const root = leafHash(Buffer.from('root'));
const isCode = (code: string) => (e: unknown) => e instanceof CheckpointError && e.code === code;

describe('C2SP tlog-checkpoint: body `<origin>\\n<size>\\n<base64 root>\\n`', () => {
  it('writes origin, decimal size and standard base64 root, each ending in a newline', () => {
    assert.equal(checkpointBody(ORIGIN, 20852163, root), `${ORIGIN}\n20852163\n${root.toString('base64')}\n`);
    assert.equal(checkpointBody(ORIGIN, 0, root), `${ORIGIN}\n0\n${root.toString('base64')}\n`);
  });

  it('parses what it writes, extension lines included', () => {
    const body = checkpointBody(ORIGIN, 7, root, ['ext one']);
    assert.deepEqual(parseCheckpoint(body), { origin: ORIGIN, size: 7, rootHash: root, extensions: ['ext one'] });
  });

  it('parses the spec’s example checkpoint text', () => {
    const cp = parseCheckpoint('example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n');
    assert.equal(cp.origin, 'example.com/behind-the-sofa');
    assert.equal(cp.size, 20852163);
    assert.equal(cp.rootHash.length, 32);
  });

  it('refuses leading zeros, signs, non-decimal sizes, bad roots, empty lines and a missing final newline', () => {
    const b64 = root.toString('base64');
    const bad = [
      `${ORIGIN}\n007\n${b64}\n`,
      `${ORIGIN}\n+7\n${b64}\n`,
      `${ORIGIN}\n-1\n${b64}\n`,
      `${ORIGIN}\n7.0\n${b64}\n`,
      `${ORIGIN}\n 7\n${b64}\n`,
      `${ORIGIN}\n99999999999999999999\n${b64}\n`,
      `${ORIGIN}\n7\n${b64.slice(0, -1)}\n`,
      `${ORIGIN}\n7\n${leafHash(Buffer.alloc(0)).subarray(1).toString('base64')}\n`,
      `${ORIGIN}\n7\n${b64}`,
      `${ORIGIN}\n7\n${b64}\n\n`,
      `\n7\n${b64}\n`,
      `${ORIGIN}\n7\n`,
    ];
    for (const text of bad) assert.throws(() => parseCheckpoint(text), isCode('malformed-checkpoint'), JSON.stringify(text));
  });

  it('refuses to write an empty or multi-line origin, a bad size or a root that is not 32 bytes', () => {
    assert.throws(() => checkpointBody('', 1, root), isCode('malformed-checkpoint'));
    assert.throws(() => checkpointBody('a\nb', 1, root), isCode('malformed-checkpoint'));
    assert.throws(() => checkpointBody(ORIGIN, -1, root), isCode('malformed-checkpoint'));
    assert.throws(() => checkpointBody(ORIGIN, 1.5, root), isCode('malformed-checkpoint'));
    assert.throws(() => checkpointBody(ORIGIN, 1, root.subarray(1)), isCode('malformed-checkpoint'));
  });
});

describe('C2SP tlog-checkpoint: a checkpoint counts only when the log signed it for its origin', () => {
  const log = ed25519Signer(ORIGIN, randomBytes(32));
  const witness = ed25519Signer('witness.example/w1', randomBytes(32));

  it('opens a checkpoint the log signed, with a witness cosignature verified alongside', () => {
    const note = signCheckpoint({ origin: ORIGIN, size: 3, rootHash: root }, [log, witness]);
    const { checkpoint, note: opened } = openCheckpoint(note, { origin: ORIGIN, log: log.verifier, witnesses: [witness.verifier] });
    assert.equal(checkpoint.size, 3);
    assert.equal(opened.signatures.length, 2);
  });

  it('refuses a checkpoint signed only by a witness, or for another origin', () => {
    const byWitness = signCheckpoint({ origin: ORIGIN, size: 3, rootHash: root }, [witness]);
    assert.throws(() => openCheckpoint(byWitness, { origin: ORIGIN, log: log.verifier, witnesses: [witness.verifier] }), isCode('missing-log-signature'));
    assert.throws(() => openCheckpoint(byWitness, { origin: ORIGIN, log: log.verifier }), UnverifiedNoteError);
    const elsewhere = signNote(checkpointBody('example.org/other', 3, root), [log]);
    assert.throws(() => openCheckpoint(elsewhere, { origin: ORIGIN, log: log.verifier }), isCode('wrong-origin'));
  });
});

describe('A client that kept an old signed checkpoint catches a log that rewrote history', () => {
  it('the consistency proof from the kept checkpoint to the rewritten tree does not verify', async () => {
    const log = ed25519Signer(ORIGIN, randomBytes(32));
    const entries = Array.from({ length: 20 }, (_, i) => Buffer.from(`event ${i}`));
    const build = (es: Buffer[]) => {
      const store = new MemoryNodeStore();
      const range = new CompactRange();
      const roots = [range.root()];
      for (const e of es) {
        store.put(range.append(leafHash(e)));
        roots.push(range.root());
      }
      return { store, roots };
    };
    const honest = build(entries);
    const kept = signCheckpoint({ origin: ORIGIN, size: 10, rootHash: honest.roots[10]! }, [log]);

    const rewritten = build(entries.map((e, i) => (i === 3 ? Buffer.from('event 3, edited') : e)));
    const { checkpoint } = openCheckpoint(kept, { origin: ORIGIN, log: log.verifier });
    const proof = await consistencyProof(rewritten.store, checkpoint.size, 20);
    assert.throws(() => verifyConsistency(checkpoint.size, 20, proof, checkpoint.rootHash, rewritten.roots[20]!), RootMismatchError);
    // The honest log's proof passes.
    verifyConsistency(checkpoint.size, 20, await consistencyProof(honest.store, 10, 20), checkpoint.rootHash, honest.roots[20]!);
  });
});
