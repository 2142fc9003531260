import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { sharedVectorsOrSkip } from '../merkle/shared-vectors.testing.ts';
import { InvalidSignatureError, KeyFormatError, MalformedNoteError, NoteError, UnverifiedNoteError } from './errors.ts';
import {
  ed25519KeyId,
  ed25519Signer,
  formatKeyId,
  formatSignerKey,
  formatVerifierKey,
  generateSignerKey,
  parseSignerKey,
  parseVerifierKey,
  type NoteSigner,
} from './keys.ts';
import { MAX_SIGNATURES, openNote, signNote } from './note.ts';

interface Vector {
  verifierKey: string;
  signerKey?: string;
  text: string;
  note: string;
  keyIdHex: string;
}

function loadVector(t: import('node:test').TestContext): Vector | undefined {
  const file = sharedVectorsOrSkip(t, 'signed-note/peterneumann.json');
  if (file === undefined) return undefined;
  const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Vector;
  for (const field of ['verifierKey', 'text', 'note', 'keyIdHex'] as const) assert.equal(typeof v[field], 'string', `vector has ${field}`);
  return v;
}

const newSigner = (name: string) => ed25519Signer(name, randomBytes(32));
const TEXT = 'example.org/log\n42\nq6yroAAAAAAAAAAAAAAAAAAAAAAAAAAAAGAGHgASNFY=\n';

/** Flips one bit of the signature bytes in the first signature line. */
function tamperSignature(note: string): string {
  const start = note.lastIndexOf('\n\n') + 2;
  const line = note.slice(start, note.indexOf('\n', start));
  const b64 = line.slice(line.lastIndexOf(' ') + 1);
  const raw = Buffer.from(b64, 'base64');
  raw[10]! ^= 0x01;
  return note.replace(b64, raw.toString('base64'));
}

describe('C2SP signed-note: the Go reference note (../shared/testvectors/signed-note/peterneumann.json)', () => {
  it('derives key ID c74f20a3 = SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4]', (t) => {
    const v = loadVector(t);
    if (v === undefined) return;
    const verifier = parseVerifierKey(v.verifierKey);
    assert.equal(verifier.name, 'PeterNeumann');
    assert.equal(formatKeyId(verifier.keyId), v.keyIdHex);
    assert.equal(formatKeyId(ed25519KeyId(verifier.name, verifier.publicKey)), 'c74f20a3');
  });

  it('verifies the note and returns its text', (t) => {
    const v = loadVector(t);
    if (v === undefined) return;
    const opened = openNote(v.note, [parseVerifierKey(v.verifierKey)]);
    assert.equal(opened.text, v.text);
    assert.equal(opened.signatures.length, 1);
    assert.equal(opened.signatures[0]!.name, 'PeterNeumann');
    assert.deepEqual(opened.unverified, []);
    assert.equal(openNote(Buffer.from(v.note, 'utf8'), [parseVerifierKey(v.verifierKey)]).text, v.text);
  });

  it('reproduces the note byte for byte when signing the text with the private key (Ed25519 is deterministic)', (t) => {
    const v = loadVector(t);
    if (v === undefined) return;
    if (v.signerKey === undefined) return t.skip('the vector has no private key');
    const signer = parseSignerKey(v.signerKey);
    assert.equal(Buffer.from(signNote(v.text, [signer]), 'utf8').toString('hex'), Buffer.from(v.note, 'utf8').toString('hex'));
    const seed = Buffer.from(v.signerKey.split('+').slice(4).join('+'), 'base64').subarray(1);
    assert.equal(formatSignerKey(signer.name, seed), v.signerKey);
    assert.equal(formatVerifierKey(signer.name, signer.publicKey), v.verifierKey);
  });

  it('rejects any change to the text or the signature', (t) => {
    const v = loadVector(t);
    if (v === undefined) return;
    const verifier = parseVerifierKey(v.verifierKey);
    const tampered = [v.note.replace('cryptography', 'Cryptography'), v.note.replace('problem,\n', 'problem.\n'), 'x' + v.note, tamperSignature(v.note)];
    for (const note of tampered) assert.throws(() => openNote(note, [verifier]), InvalidSignatureError);
  });
});

describe('C2SP signed-note: verifiers ignore signatures from unknown keys', () => {
  const log = newSigner('example.org/log');
  const witness = newSigner('witness.example/w1');
  const sameNameOtherKey = newSigner('example.org/log');

  it('opens a note signed by the known key and others, listing the others as unverified', () => {
    const note = signNote(TEXT, [witness, log, sameNameOtherKey]);
    const opened = openNote(note, [log.verifier]);
    assert.equal(opened.text, TEXT);
    assert.deepEqual(
      opened.signatures.map((s) => s.keyId),
      [log.keyId],
    );
    assert.deepEqual(
      opened.unverified.map((s) => [s.name, s.keyId]),
      [
        [witness.name, witness.keyId],
        [sameNameOtherKey.name, sameNameOtherKey.keyId],
      ],
    );
  });

  it('ignores a signature that shares the key ID but not the name of a known key', () => {
    // A forged line: a different name carrying the log's key ID and garbage.
    const signedByLog = signNote(TEXT, [log]);
    const forged: NoteSigner = { name: 'impostor.example', keyId: log.keyId, sign: () => randomBytes(64) };
    const note = signedByLog + signNote(TEXT, [forged]).slice(TEXT.length + 1);
    assert.equal(openNote(note, [log.verifier]).unverified[0]!.name, 'impostor.example');
  });

  it('ignores a signature that shares the name but not the key ID of a known key', () => {
    const forged: NoteSigner = { name: log.name, keyId: (log.keyId ^ 1) >>> 0, sign: () => randomBytes(64) };
    const note = signNote(TEXT, [forged, log]);
    assert.equal(openNote(note, [log.verifier]).signatures.length, 1);
  });

  it('rejects a note that no known key signed (UnverifiedNoteError)', () => {
    assert.throws(() => openNote(signNote(TEXT, [witness]), [log.verifier]), UnverifiedNoteError);
    assert.throws(() => openNote(signNote(TEXT, [witness]), []), UnverifiedNoteError);
  });

  it('rejects the whole note when a known key’s signature fails, even if another known key verifies', () => {
    const bad: NoteSigner = { name: witness.name, keyId: witness.keyId, sign: () => randomBytes(64) };
    assert.throws(() => openNote(signNote(TEXT, [log, bad]), [log.verifier, witness.verifier]), InvalidSignatureError);
  });

  it('counts repeated signatures of one key once', () => {
    const opened = openNote(signNote(TEXT, [log, log, witness, witness]), [log.verifier]);
    assert.equal(opened.signatures.length, 1);
    assert.equal(opened.unverified.length, 1);
  });
});

describe('C2SP signed-note: verifiers accept at least 16 signatures', () => {
  it('accepts 16 signatures of which one is known', () => {
    const log = newSigner('example.org/log');
    const witnesses = Array.from({ length: 15 }, (_, i) => newSigner(`witness.example/${i}`));
    const opened = openNote(signNote(TEXT, [...witnesses, log]), [log.verifier]);
    assert.equal(opened.signatures.length, 1);
    assert.equal(opened.unverified.length, 15);
  });

  it('accepts 16 signatures that are all known, and verifies each', () => {
    const signers = Array.from({ length: 16 }, (_, i) => newSigner(`witness.example/${i}`));
    assert.equal(openNote(signNote(TEXT, signers), signers.map((s) => s.verifier)).signatures.length, 16);
  });

  it(`accepts ${MAX_SIGNATURES} signatures and refuses more`, () => {
    const signers = Array.from({ length: MAX_SIGNATURES }, (_, i) => newSigner(`w${i}`));
    const note = signNote(TEXT, signers);
    assert.equal(openNote(note, [signers[0]!.verifier]).unverified.length, MAX_SIGNATURES - 1);
    const tooMany = signNote(TEXT, [...signers, newSigner('one-more')]);
    assert.throws(() => openNote(tooMany, [signers[0]!.verifier]), (e: unknown) => e instanceof MalformedNoteError && e.code === 'too-many-signatures');
  });
});

describe('C2SP signed-note: format', () => {
  const log = newSigner('example.org/log');
  const note = signNote(TEXT, [log]);

  it('writes the text, a blank line, then `— <name> <base64(key ID ‖ signature)>\\n` with U+2014', () => {
    const line = note.slice(TEXT.length + 1);
    assert.match(line, /^\u2014 example\.org\/log [A-Za-z0-9+/]{91}=\n$/);
    const raw = Buffer.from(line.slice(line.lastIndexOf(' ') + 1, -1), 'base64');
    assert.equal(raw.length, 4 + 64);
    assert.equal(raw.readUInt32BE(0), log.keyId);
  });

  it('rejects a tampered body', () => {
    assert.throws(() => openNote(note.replace('\n42\n', '\n43\n'), [log.verifier]), InvalidSignatureError);
  });

  it('separates text and signatures at the last blank line, so the text may contain blank lines', () => {
    const text = 'first\n\nsecond\n';
    assert.equal(openNote(signNote(text, [log]), [log.verifier]).text, text);
  });

  it('refuses malformed notes', () => {
    const line = note.slice(TEXT.length + 1);
    const malformed = [
      TEXT + line, // no blank line
      note.slice(0, -1), // no final newline
      TEXT + '\n', // no signature lines
      TEXT + '\n' + line.replace('\u2014', '--'),
      TEXT + '\n' + line.replace('\u2014', '-'),
      TEXT + '\n' + line.replace('example.org/log', 'example.org+log'),
      TEXT + '\n' + line.replace(/ [^ ]+\n$/, ' not*base64\n'),
      TEXT + '\n' + line.replace(/ [^ ]+\n$/, ' AAAA\n'), // fewer than 5 bytes
      TEXT + '\n' + line.replace(/ [^ ]+\n$/, '\n'),
      'tab\there\n\n' + line,
      'carriage\r\n\n' + line,
    ];
    for (const m of malformed) assert.throws(() => openNote(m, [log.verifier]), MalformedNoteError, JSON.stringify(m));
    assert.throws(() => openNote(Buffer.from([0xff, 0x0a, 0x0a]), [log.verifier]), MalformedNoteError);
  });

  it('refuses to sign text without a final newline, with control characters, or without a signer', () => {
    assert.throws(() => signNote('no newline', [log]), MalformedNoteError);
    assert.throws(() => signNote('bell\u0007\n', [log]), MalformedNoteError);
    assert.throws(() => signNote(TEXT, []), MalformedNoteError);
  });

  it('refuses two verifiers for the same name and key ID', () => {
    assert.throws(() => openNote(note, [log.verifier, log.verifier]), (e: unknown) => e instanceof NoteError && e.code === 'ambiguous-verifier');
  });
});

describe('sumdb/note key strings: <name>+<hex key ID>+<base64(0x01 ‖ key)>', () => {
  it('round-trips generated keys, and the signer key signs what the verifier key verifies', () => {
    const { signerKey, verifierKey } = generateSignerKey('example.org/log');
    const signer = parseSignerKey(signerKey);
    const verifier = parseVerifierKey(verifierKey);
    assert.match(verifierKey, /^example\.org\/log\+[0-9a-f]{8}\+A[A-Za-z0-9+/]{43}$/);
    assert.equal(formatVerifierKey(verifier.name, verifier.publicKey), verifierKey);
    assert.equal(openNote(signNote(TEXT, [signer]), [verifier]).signatures.length, 1);
  });

  it('refuses a key ID that does not match, another algorithm, bad names and bad encodings', () => {
    const { signerKey, verifierKey } = generateSignerKey('example.org/log');
    const [name, id, key] = [verifierKey.slice(0, verifierKey.indexOf('+')), verifierKey.split('+')[1]!, verifierKey.slice(verifierKey.indexOf('+', verifierKey.indexOf('+') + 1) + 1)];
    const otherId = ((Number.parseInt(id, 16) ^ 1) >>> 0).toString(16).padStart(8, '0');
    const code = (c: string) => (e: unknown) => e instanceof KeyFormatError && e.code === c;
    assert.throws(() => parseVerifierKey(`${name}+${otherId}+${key}`), code('key-id-mismatch'));
    const ecdsa = Buffer.from(key, 'base64');
    ecdsa[0] = 0x02;
    assert.throws(() => parseVerifierKey(`${name}+${id}+${ecdsa.toString('base64')}`), code('unknown-algorithm'));
    assert.throws(() => parseVerifierKey(`bad name+${id}+${key}`), code('invalid-key-name'));
    assert.throws(() => parseVerifierKey(`${name}+${id.slice(1)}+${key}`), code('malformed-key'));
    assert.throws(() => parseVerifierKey(`${name}+${id}+${key.slice(0, -4)}`), code('malformed-key'));
    assert.throws(() => parseVerifierKey(`${name}+${id}+!${key.slice(1)}`), code('malformed-key'));
    assert.throws(() => parseVerifierKey(`${name}+${id}`), code('malformed-key'));
    assert.throws(() => parseSignerKey(signerKey.replace('PRIVATE+KEY', 'PUBLIC+KEY')), code('malformed-key'));
    assert.throws(() => parseSignerKey(signerKey.replace(`+${id}+`, `+${otherId}+`)), code('key-id-mismatch'));
  });
});
