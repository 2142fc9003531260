import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { chainHash, entryBytes, entryBytesOf, entryLeaf, leafHash, ZERO_HASH, type Envelope } from './envelope.ts';
import { sharedVectorsOrSkip } from './merkle/shared-vectors.testing.ts';

const envelope: Envelope = {
  v: 1,
  log: 'platform',
  seq: 1,
  at: '2026-03-02T01:00:00.000Z',
  actor: 'system',
  type: 'agency.created',
  subject: 'a1',
  data: { name: '衡阳市文物局', code: 'hy-wwj', parentId: null },
};

describe('ledger.md: entry bytes are the RFC 8785 canonical envelope', () => {
  it('sorts keys and writes UTF-8 without escapes', () => {
    assert.equal(
      entryBytes(envelope).toString('utf8'),
      '{"actor":"system","at":"2026-03-02T01:00:00.000Z","data":{"code":"hy-wwj","name":"衡阳市文物局","parentId":null},"log":"platform","seq":1,"subject":"a1","type":"agency.created","v":1}',
    );
  });

  it('ignores the order in which the data was written', () => {
    const reordered = { ...envelope, data: { parentId: null, code: 'hy-wwj', name: '衡阳市文物局' } };
    assert.deepEqual(entryBytes(reordered), entryBytes(envelope));
  });
});

/** What append does: canonical data text, then the entry from the head fields and that text. */
function spliced(e: Envelope): Buffer {
  const text = canonicalize(e.data)!;
  const bytes = entryBytesOf(e, text);
  assert.deepEqual(entryLeaf(e, text), leafHash(bytes), 'entryLeaf is the leaf of entryBytesOf');
  return bytes;
}

/** What a reader of the stored row would do by the book: parse the text, canonicalise the whole envelope. */
function byTheBook(e: Envelope): Buffer {
  return entryBytes({ ...e, data: JSON.parse(canonicalize(e.data)!) as Record<string, unknown> });
}

describe('ledger.md entry bytes built from the stored data text (append and verify) equal RFC 8785 of the envelope', () => {
  it('on the example envelope, including a null subject, escapes and backslashes', () => {
    assert.deepEqual(spliced(envelope), entryBytes(envelope));
    assert.deepEqual(spliced({ ...envelope, subject: null }), entryBytes({ ...envelope, subject: null }));
    const odd: Envelope = { ...envelope, actor: 'a"\\ud800\n\u0000', data: { '\\ud800': '\\udc00 "引号" \u2028', n: [1e21, -0, 0.1, 5e-324] } };
    assert.deepEqual(spliced(odd), byTheBook(odd));
  });

  it('with every JSON file of ../shared/testvectors as the data (real-world JSON: base64, arrays, numbers, Unicode)', (t) => {
    const dir = sharedVectorsOrSkip(t, '.');
    if (!dir) return;
    const files = (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.json'));
    for (const file of files) {
      const data = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
      const e: Envelope = { ...envelope, seq: files.indexOf(file) + 1, subject: file, data };
      assert.deepEqual(spliced(e), byTheBook(e), file);
    }
    assert.ok(files.length >= 197, `ran ${files.length} vector files, want at least 197 (196 Merkle + the signed note)`);
  });

  it('on random envelopes: any Unicode in the fields and any JSON in the data (fast-check)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 });
    fc.assert(
      fc.property(
        fc.record({
          log: text,
          seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
          at: text,
          actor: text,
          type: text,
          subject: fc.option(text, { nil: null }),
          data: fc.dictionary(text, fc.jsonValue()),
        }),
        (f) => {
          const e: Envelope = { v: 1, ...f, data: f.data as Record<string, unknown> };
          assert.deepEqual(spliced(e), byTheBook(e));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses a lone surrogate in a field exactly where RFC 8785 canonicalisation refuses it', () => {
    const anyUnit = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 4 });
    fc.assert(
      fc.property(anyUnit, fc.constantFrom('log', 'at', 'actor', 'type', 'subject'), (value, field) => {
        const e = { ...envelope, [field]: value } as Envelope;
        let reference: Buffer | Error;
        try {
          reference = entryBytes(e);
        } catch (err) {
          reference = err as Error;
        }
        if (reference instanceof Error) assert.throws(() => spliced(e));
        else assert.deepEqual(spliced(e), reference);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('RFC 6962 §2.1 leaf hash and the chain link', () => {
  it('hashes the empty entry to the RFC 6962 empty-leaf value', () => {
    assert.equal(leafHash(Buffer.alloc(0)).toString('hex'), '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
  });

  it('separates leaves from plain SHA-256 of the same bytes (domain separation)', () => {
    const bytes = entryBytes(envelope);
    assert.notEqual(leafHash(bytes).toString('hex'), createHash('sha256').update(bytes).digest('hex'));
  });

  it('links the first event to 32 zero bytes and depends on the previous link', () => {
    const leaf = leafHash(entryBytes(envelope));
    const first = chainHash(ZERO_HASH, leaf);
    assert.equal(first.length, 32);
    assert.notDeepEqual(chainHash(first, leaf), first);
  });
});
