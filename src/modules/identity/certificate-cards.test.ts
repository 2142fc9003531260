import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateSignerKey, parseSignerKey } from '../../ledger/note/index.ts';
import { CARD_SIGNATURE_DOMAIN, cardVerifyUrl, makeCardToken, verifyCardToken } from './certificate-cards.ts';

const platform = parseSignerKey(generateSignerKey('sanxiang').signerKey);
const other = parseSignerKey(generateSignerKey('sanxiang').signerKey);
const claims = { officerId: '6f1c2d3e-0000-4000-8000-000000000001', certificateNo: '湘衡文执043001', issuedOn: '2026-03-02' };

describe('执法证卡片的签名令牌（事中公示：伪造的卡片显示为无效）', () => {
  it('a token made with the platform key verifies and gives back exactly its claims', () => {
    const token = makeCardToken(platform, claims);
    assert.match(token, /^[A-Za-z0-9_-]+$/, 'URL-safe');
    const check = verifyCardToken(platform.verifier, token);
    assert.deepEqual(check, { ok: true, claims: { ...claims, keyId: platform.keyId.toString(16).padStart(8, '0') } });
  });

  it('changing any single character of the token makes it invalid', () => {
    const token = makeCardToken(platform, claims);
    for (let i = 0; i < token.length; i++) {
      const c = token[i] === 'A' ? 'B' : 'A';
      const forged = token.slice(0, i) + c + token.slice(i + 1);
      assert.equal(verifyCardToken(platform.verifier, forged).ok, false, `position ${i}`);
    }
  });

  it('changing any single byte of the signed payload makes it invalid', () => {
    const bytes = Buffer.from(makeCardToken(platform, claims), 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      const b = Buffer.from(bytes);
      b[i] = b[i]! ^ 0x01;
      assert.equal(verifyCardToken(platform.verifier, b.toString('base64url')).ok, false, `byte ${i}`);
    }
  });

  it('a token signed by another key is invalid, whichever key ID it claims', () => {
    const foreign = verifyCardToken(platform.verifier, makeCardToken(other, claims));
    assert.deepEqual(foreign, { ok: false, problem: 'unknown-key' });
    // A forger who copies the platform's key ID into the payload still cannot sign it.
    const impostor = { ...other, keyId: platform.keyId, sign: other.sign };
    assert.deepEqual(verifyCardToken(platform.verifier, makeCardToken(impostor, claims)), { ok: false, problem: 'bad-signature' });
  });

  it('truncated, padded, empty or non-base64url tokens are malformed', () => {
    const token = makeCardToken(platform, claims);
    for (const bad of ['', 'abc', token.slice(0, -1), `${token}=`, `${token}A`, token.replace(/[A-Za-z]/, '+'), `${token} `]) {
      assert.equal(verifyCardToken(platform.verifier, bad).ok, false, JSON.stringify(bad));
    }
  });

  it('a card signature covers a NUL-separated domain, so it can never pass as a checkpoint (note) signature', () => {
    const bytes = Buffer.from(makeCardToken(platform, claims), 'base64url');
    const payload = bytes.subarray(0, -64);
    const signature = bytes.subarray(-64);
    assert.equal(platform.verifier.verify(Buffer.concat([CARD_SIGNATURE_DOMAIN, payload]), signature), true);
    assert.equal(platform.verifier.verify(payload, signature), false, 'not a signature of the bare payload');
    assert.ok(CARD_SIGNATURE_DOMAIN.includes(0) && payload[0] === 1, 'control characters: never valid note text');
  });

  it('the QR carries the verify URL under the configured public address', () => {
    assert.equal(cardVerifyUrl('https://zf.example.gov.cn/', 'abc'), 'https://zf.example.gov.cn/public/officers/verify?t=abc');
  });
});
