import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { generateSm2KeyPair, sm2PrivateKeyPem, sm2PublicKeyFromPem, sm2PublicKeyPem, sm2Sign, sm2Verify } from './sm2.ts';

describe('GB/T 32905 SM3 standard vectors (node:crypto)', () => {
  it('"abc"', () => {
    assert.equal(createHash('sm3').update('abc').digest('hex'), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
  it('"abcd" × 16 (512 bits)', () => {
    assert.equal(createHash('sm3').update('abcd'.repeat(16)).digest('hex'), 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });
});

const openssl = spawnSync('openssl', ['version'], { encoding: 'utf8' });
if (openssl.status !== 0 && process.env.CI === 'true') throw new Error('CI=true but openssl is missing: the SM2 interoperability tests cannot be skipped in CI');
const noOpenssl = openssl.status === 0 ? false : 'openssl is not installed';

describe('GM/T 0003 SM2 signatures with the GM/T 0009 signer ID, interoperable with OpenSSL', { skip: noOpenssl }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-sm2-'));
  const keys = generateSm2KeyPair();
  const message = Buffer.from('sanxiang/hy-wwj\n12\nq2xH3cJ0vO3pDqf2p6bH0pWwZq8n0v3l9y2m8nK4Vb0=\n');
  const msgFile = path.join(dir, 'msg');
  const pubFile = path.join(dir, 'pub.pem');
  const privFile = path.join(dir, 'priv.pem');
  fs.writeFileSync(msgFile, message);
  fs.writeFileSync(pubFile, sm2PublicKeyPem(keys.publicKey));
  fs.writeFileSync(privFile, sm2PrivateKeyPem(keys));
  const pkeyutl = (args: string[]) => spawnSync('openssl', ['pkeyutl', '-rawin', '-digest', 'sm3', '-in', msgFile, ...args], { encoding: 'utf8' });

  it('our signature verifies with `openssl pkeyutl -verify -pkeyopt distid:1234567812345678`', () => {
    const sigFile = path.join(dir, 'ours.sig');
    fs.writeFileSync(sigFile, sm2Sign(message, keys.privateKey));
    const r = pkeyutl(['-verify', '-pubin', '-inkey', pubFile, '-sigfile', sigFile, '-pkeyopt', 'distid:1234567812345678']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  it('an OpenSSL signature (distid 1234567812345678) verifies with ours', () => {
    const sigFile = path.join(dir, 'openssl.sig');
    const r = pkeyutl(['-sign', '-inkey', privFile, '-out', sigFile, '-pkeyopt', 'distid:1234567812345678']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(sm2Verify(message, fs.readFileSync(sigFile), keys.publicKey), true);
  });

  it('a signature made with the empty signer ID (what node:crypto does) is rejected', () => {
    const sigFile = path.join(dir, 'empty-id.sig');
    const r = pkeyutl(['-sign', '-inkey', privFile, '-out', sigFile, '-pkeyopt', 'distid:']);
    if (r.status !== 0) {
      // Older OpenSSL refuses an empty distid; sign without one (its default ID is empty for raw SM2 keys).
      assert.equal(pkeyutl(['-sign', '-inkey', privFile, '-out', sigFile]).status, 0);
    }
    assert.equal(sm2Verify(message, fs.readFileSync(sigFile), keys.publicKey), false);
  });

  it('the PEM wrappers round-trip the public key', () => {
    assert.equal(sm2PublicKeyFromPem(sm2PublicKeyPem(keys.publicKey)), keys.publicKey);
  });
});
