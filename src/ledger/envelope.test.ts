import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { chainHash, entryBytes, leafHash, ZERO_HASH, type Envelope } from './envelope.ts';

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
