import assert from 'node:assert/strict';
import { hash } from 'node:crypto';
import { describe, it } from 'node:test';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { BUNDLE_FORMAT, buildBundle, checkpointPath, eventPath, proofPath, verifyBundle, type BundleInput, type BundleManifest } from './bundle.ts';
import { entryBytes, leafHash, type Envelope } from './envelope.ts';
import { CompactRange, inclusionProof, MemoryNodeStore } from './merkle/index.ts';
import { generateSignerKey, parseSignerKey, parseVerifierKey, signCheckpoint, type Ed25519Signer } from './note/index.ts';

const SUBJECT = '6f1c2b1e-1111-4c4c-9a9a-000000000001';
const OTHER = '6f1c2b1e-2222-4c4c-9a9a-000000000002';
const AGENCY_LOG = '0b0e5c2a-3333-4d4d-8b8b-000000000003';

function platformKey(): { signer: Ed25519Signer; vkey: string } {
  const { signerKey, verifierKey } = generateSignerKey('sanxiang');
  return { signer: parseSignerKey(signerKey), vkey: verifierKey };
}

/** An in-memory log of `n` events, every third about SUBJECT, signed at its full size. */
async function memoryLog(log: string, origin: string, n: number, signer: Ed25519Signer) {
  const store = new MemoryNodeStore();
  const range = new CompactRange();
  const envelopes: Envelope[] = [];
  for (let seq = 1; seq <= n; seq++) {
    const e: Envelope = {
      v: 1,
      log,
      seq,
      at: `2026-03-02T01:${String(seq).padStart(2, '0')}:00.000Z`,
      actor: 'system',
      type: seq % 3 === 1 ? 'officer.updated' : 'unit.created',
      subject: seq % 3 === 1 ? SUBJECT : OTHER,
      data: { n: seq, 名称: `第${seq}条`, nested: { b: 2, a: [1, '二'] } },
    };
    envelopes.push(e);
    store.put(range.append(leafHash(entryBytes(e))));
  }
  const note = signCheckpoint({ origin, size: range.size, rootHash: range.root() }, [signer]);
  const mine = envelopes.filter((e) => e.subject === SUBJECT);
  return {
    input: { log, origin, checkpoint: note, events: await Promise.all(mine.map(async (e) => ({ envelope: e, proof: await inclusionProof(store, e.seq - 1, n) }))) },
    envelopes,
    store,
    note,
  };
}

async function sampleInput(signer: Ed25519Signer, vkey: string): Promise<BundleInput> {
  const a = await memoryLog(AGENCY_LOG, 'sanxiang/hy-test', 13, signer);
  const p = await memoryLog('platform', 'sanxiang/platform', 4, signer);
  return { subject: SUBJECT, createdAt: '2026-03-02T02:00:00.000Z', verifierKey: vkey, logs: [a.input, p.input] };
}

const key = platformKey();
const input = await sampleInput(key.signer, key.vkey);
const bundle = buildBundle(input);

type Files = Record<string, Uint8Array>;
const sha256Hex = (b: Uint8Array) => hash('sha256', b, 'hex');

/** Unzips, lets the test change the files, and zips again; `manifest: 'rewrite'` recomputes its digests (an editor who covers their tracks). */
function rezip(bytes: Uint8Array, change: (files: Files) => void, opts: { manifest?: 'keep' | 'rewrite' } = {}): Buffer {
  const files = unzipSync(bytes) as Files;
  change(files);
  if (opts.manifest === 'rewrite') {
    const m = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')) as BundleManifest;
    m.files = m.files.filter((f) => files[f.path]).map((f) => ({ path: f.path, size: files[f.path]!.length, sha256: sha256Hex(files[f.path]!) }));
    files['manifest.json'] = strToU8(JSON.stringify(m, null, 2));
  }
  return Buffer.from(zipSync(files));
}

const flip = (b: Uint8Array, at = Math.floor(b.length / 2)) => {
  const c = Uint8Array.from(b);
  c[at] = c[at]! ^ 0x01;
  return c;
};

const firstEvent = eventPath(AGENCY_LOG, 1);
const firstProof = proofPath(AGENCY_LOG, 1);

describe('record bundle: what the zip holds', () => {
  it('holds README, manifest, key, one checkpoint per log, and an event file and a tlog-proof per event', () => {
    const files = unzipSync(bundle.bytes);
    const names = Object.keys(files).sort();
    const events = [1, 4, 7, 10, 13].flatMap((s) => [eventPath(AGENCY_LOG, s), proofPath(AGENCY_LOG, s)]).concat([1, 4].flatMap((s) => [eventPath('platform', s), proofPath('platform', s)]));
    assert.deepEqual(names, ['README.txt', 'manifest.json', 'key.vkey', checkpointPath(AGENCY_LOG), checkpointPath('platform'), ...events].sort());
    assert.equal(Buffer.from(files['key.vkey']!).toString('utf8'), `${key.vkey}\n`);
    assert.equal(Buffer.from(files[checkpointPath(AGENCY_LOG)]!).toString('utf8'), input.logs[0]!.checkpoint);
    const readme = Buffer.from(files['README.txt']!).toString('utf8');
    assert.match(readme, /执法全过程记录包/);
    assert.match(readme, /sanxiang verify-bundle/);
    assert.match(readme, /\/api\/public\/key/);
  });

  it('the manifest names format, subject, time, key and per log the checkpoint and events, with the SHA-256 of every other file', () => {
    const files = unzipSync(bundle.bytes);
    const m = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')) as BundleManifest;
    assert.equal(m.format, BUNDLE_FORMAT);
    assert.equal(m.subject, SUBJECT);
    assert.equal(m.createdAt, '2026-03-02T02:00:00.000Z');
    assert.deepEqual(m.key, { name: 'sanxiang', id: key.vkey.split('+')[1] });
    assert.deepEqual(m.logs.map((l) => [l.log, l.origin, l.checkpoint.size, l.events.map((e) => e.seq)]), [
      [AGENCY_LOG, 'sanxiang/hy-test', 13, [1, 4, 7, 10, 13]],
      ['platform', 'sanxiang/platform', 4, [1, 4]],
    ]);
    assert.equal(m.files.length, Object.keys(files).length - 1);
    for (const f of m.files) assert.equal(f.sha256, sha256Hex(files[f.path]!), f.path);
    assert.deepEqual(bundle.manifest, m);
  });

  it('an event file is the entry bytes (RFC 8785) and its .proof a C2SP tlog-proof at index seq − 1 against the checkpoint', () => {
    const files = unzipSync(bundle.bytes);
    const e = input.logs[0]!.events[1]!.envelope;
    const bytes = Buffer.from(files[eventPath(AGENCY_LOG, e.seq)]!);
    assert.deepEqual(bytes, entryBytes(e));
    assert.ok(bytes.toString('utf8').startsWith('{"actor":"system","at":'), 'keys sorted (RFC 8785)');
    const proof = Buffer.from(files[proofPath(AGENCY_LOG, e.seq)]!).toString('utf8');
    assert.ok(proof.startsWith(`c2sp.org/tlog-proof@v1\nindex ${e.seq - 1}\n`));
    assert.ok(proof.endsWith(`\n\n${input.logs[0]!.checkpoint}`));
  });

  it('building is deterministic for the same input', () => {
    assert.deepEqual(buildBundle(input).bytes, bundle.bytes);
  });

  it('refuses to build what could not verify: an event beyond its checkpoint, of another subject, or a checkpoint not signed by the key', async () => {
    const log = input.logs[0]!;
    const beyond = { ...log, events: [{ ...log.events[0]!, envelope: { ...log.events[0]!.envelope, seq: 99 } }] };
    assert.throws(() => buildBundle({ ...input, logs: [beyond] }), /beyond the checkpoint/);
    const other = { ...log, events: [{ ...log.events[0]!, envelope: { ...log.events[0]!.envelope, subject: OTHER } }] };
    assert.throws(() => buildBundle({ ...input, logs: [other] }), /subject/);
    assert.throws(() => buildBundle({ ...input, verifierKey: platformKey().vkey }));
  });
});

describe('verifyBundle: offline, from the bytes alone', () => {
  it('accepts the bundle and reports subject, events and logs; the key is pinned only when the verifier gives one', () => {
    const r = verifyBundle(bundle.bytes);
    assert.equal(r.problem, null);
    assert.equal(r.ok, true);
    assert.equal(r.subject, SUBJECT);
    assert.equal(r.events, 7);
    assert.deepEqual(r.logs.map((l) => [l.origin, l.size, l.events]), [
      ['sanxiang/hy-test', 13, 5],
      ['sanxiang/platform', 4, 2],
    ]);
    assert.equal(r.keyPinned, false);
    assert.equal(r.key?.vkey, key.vkey);
    const pinned = verifyBundle(bundle.bytes, { trustedKey: `${key.vkey}\n` });
    assert.equal(pinned.ok, true);
    assert.equal(pinned.keyPinned, true);
  });

  const cases: Array<[string, () => Uint8Array, string | null, RegExp]> = [
    ['one byte of an event file flipped', () => rezip(bundle.bytes, (f) => void (f[firstEvent] = flip(f[firstEvent]!))), firstEvent, /SHA-256/],
    ['one byte of a proof flipped', () => rezip(bundle.bytes, (f) => void (f[firstProof] = flip(f[firstProof]!, 40))), firstProof, /SHA-256/],
    ['one byte of the checkpoint flipped', () => rezip(bundle.bytes, (f) => void (f[checkpointPath(AGENCY_LOG)] = flip(f[checkpointPath(AGENCY_LOG)]!, 3))), checkpointPath(AGENCY_LOG), /SHA-256/],
    ['an event file removed', () => rezip(bundle.bytes, (f) => void delete f[eventPath('platform', 4)]), eventPath('platform', 4), /缺失/],
    ['a proof removed', () => rezip(bundle.bytes, (f) => void delete f[proofPath(AGENCY_LOG, 13)]), proofPath(AGENCY_LOG, 13), /缺失/],
    ['the key file removed', () => rezip(bundle.bytes, (f) => void delete f['key.vkey']), 'key.vkey', /缺失/],
    ['the manifest removed', () => rezip(bundle.bytes, (f) => void delete f['manifest.json']), 'manifest.json', /清单/],
    ['a file the manifest does not list', () => rezip(bundle.bytes, (f) => void (f['events/extra.json'] = strToU8('{}'))), 'events/extra.json', /未列出/],
    ['not a zip at all', () => Buffer.from('PK\u0003\u0004 not really a zip'), null, /zip/],
    ['a manifest of another format', () => rezip(bundle.bytes, (f) => void (f['manifest.json'] = strToU8(Buffer.from(f['manifest.json']!).toString().replace(BUNDLE_FORMAT, 'other/9')))), 'manifest.json', /格式/],
  ];
  for (const [what, make, file, message] of cases) {
    it(`rejects ${what}, naming ${file ?? 'the bundle'}`, () => {
      const r = verifyBundle(make());
      assert.equal(r.ok, false);
      assert.equal(r.problem?.file, file, JSON.stringify(r.problem));
      assert.match(r.problem!.message, message);
    });
  }

  // An editor who also rewrites the manifest's digests gets past step 2; the proofs stop them.
  const covered: Array<[string, () => Uint8Array, string, RegExp]> = [
    [
      'an event edited (still canonical JSON)',
      () => rezip(bundle.bytes, (f) => void (f[firstEvent] = strToU8(Buffer.from(f[firstEvent]!).toString('utf8').replace('第1条', '第9条'))), { manifest: 'rewrite' }),
      firstProof,
      /包含证明不成立/,
    ],
    ['a proof hash edited', () => rezip(bundle.bytes, (f) => void (f[firstProof] = flip(f[firstProof]!, 40)), { manifest: 'rewrite' }), firstProof, /包含证明不成立/],
    [
      'the checkpoint edited',
      () => rezip(bundle.bytes, (f) => void (f[checkpointPath(AGENCY_LOG)] = strToU8(Buffer.from(f[checkpointPath(AGENCY_LOG)]!).toString('utf8').replace('\n13\n', '\n12\n'))), { manifest: 'rewrite' }),
      checkpointPath(AGENCY_LOG),
      /签名/,
    ],
    [
      'an event of another subject slipped in (with its valid proof)',
      () =>
        rezip(
          bundle.bytes,
          (f) => {
            const other = JSON.parse(Buffer.from(f[eventPath('platform', 4)]!).toString('utf8'));
            other.subject = OTHER;
            f[eventPath('platform', 4)] = entryBytes(other);
          },
          { manifest: 'rewrite' },
        ),
      eventPath('platform', 4),
      /主体/,
    ],
    [
      'an event moved to another seq with its proof',
      () =>
        rezip(
          bundle.bytes,
          (f) => {
            f[eventPath(AGENCY_LOG, 4)] = f[eventPath(AGENCY_LOG, 7)]!;
            f[proofPath(AGENCY_LOG, 4)] = f[proofPath(AGENCY_LOG, 7)]!;
          },
          { manifest: 'rewrite' },
        ),
      eventPath(AGENCY_LOG, 4),
      /位置/,
    ],
    [
      'another event\'s proof in place of an event\'s own',
      () => rezip(bundle.bytes, (f) => void (f[proofPath(AGENCY_LOG, 4)] = f[proofPath(AGENCY_LOG, 7)]!), { manifest: 'rewrite' }),
      proofPath(AGENCY_LOG, 4),
      /叶序号 6/,
    ],
    [
      'an event re-serialised (not the entry bytes)',
      () => rezip(bundle.bytes, (f) => void (f[firstEvent] = strToU8(JSON.stringify(JSON.parse(Buffer.from(f[firstEvent]!).toString('utf8')), null, 1))), { manifest: 'rewrite' }),
      firstEvent,
      /规范化/,
    ],
    [
      'a proof whose checkpoint is not the bundle\'s',
      () =>
        rezip(
          bundle.bytes,
          (f) => {
            const text = Buffer.from(f[firstProof]!).toString('utf8');
            f[firstProof] = strToU8(text.replace(input.logs[0]!.checkpoint, signCheckpoint({ origin: 'sanxiang/hy-test', size: 14, rootHash: Buffer.alloc(32) }, [key.signer])));
          },
          { manifest: 'rewrite' },
        ),
      firstProof,
      /检查点/,
    ],
  ];
  for (const [what, make, file, message] of covered) {
    it(`rejects ${what} even when the manifest digests are rewritten, naming ${file}`, () => {
      const r = verifyBundle(make());
      assert.equal(r.ok, false);
      assert.equal(r.problem?.file, file, JSON.stringify(r.problem));
      assert.match(r.problem!.message, message);
    });
  }

  it('a bundle forged with another key verifies only against its own key: a pinned key rejects it, naming key.vkey', async () => {
    const forger = platformKey();
    const forged = buildBundle(await sampleInput(forger.signer, forger.vkey));
    assert.equal(verifyBundle(forged.bytes).ok, true, 'self-consistent: this is why the bundle\'s own key proves nothing');
    const r = verifyBundle(forged.bytes, { trustedKey: key.vkey });
    assert.equal(r.ok, false);
    assert.equal(r.problem?.file, 'key.vkey');
    assert.match(r.problem!.message, /不是指定的可信公钥/);
    // The genuine bundle with a different trusted key: rejected and named the same way.
    const other = verifyBundle(bundle.bytes, { trustedKey: forger.vkey });
    assert.equal(other.problem?.file, 'key.vkey');
  });

  it('swapping in a forger\'s key (manifest rewritten) breaks every checkpoint signature', () => {
    const forger = platformKey();
    const r = verifyBundle(
      rezip(
        bundle.bytes,
        (f) => {
          f['key.vkey'] = strToU8(`${forger.vkey}\n`);
          const m = JSON.parse(Buffer.from(f['manifest.json']!).toString('utf8')) as BundleManifest;
          m.key.id = forger.vkey.split('+')[1]!;
          f['manifest.json'] = strToU8(JSON.stringify(m));
        },
        { manifest: 'rewrite' },
      ),
    );
    assert.equal(r.ok, false);
    assert.equal(r.problem?.file, checkpointPath(AGENCY_LOG));
  });

  it('a malformed trusted key is reported, not thrown', () => {
    const r = verifyBundle(bundle.bytes, { trustedKey: 'not a key' });
    assert.equal(r.ok, false);
    assert.equal(r.problem?.file, null);
    assert.match(r.problem!.message, /可信公钥格式不正确/);
  });

  it('refuses a zip whose declared sizes are huge (a zip bomb is not inflated)', () => {
    const files = unzipSync(bundle.bytes) as Files;
    files['padding.bin'] = new Uint8Array(17 * 1024 * 1024);
    const r = verifyBundle(zipSync(files, { level: 9 }));
    assert.equal(r.ok, false);
    assert.equal(r.problem?.file, 'padding.bin');
    assert.match(r.problem!.message, /过大/);
  });

  it('the verifier key in the bundle must be the one the manifest names', () => {
    const forger = platformKey();
    const r = verifyBundle(rezip(bundle.bytes, (f) => void (f['key.vkey'] = strToU8(`${forger.vkey}\n`)), { manifest: 'rewrite' }));
    assert.equal(r.problem?.file, 'key.vkey');
    assert.match(r.problem!.message, /清单/);
    assert.ok(parseVerifierKey(forger.vkey));
  });
});
