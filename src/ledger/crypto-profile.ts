import { DomainError } from '../kernel/errors.ts';
import type { Db } from '../store/db.ts';
import { PLATFORM_LOG } from './ledger.ts';

/**
 * The platform's cryptography, chosen once when the platform is created and recorded in its
 * first event. `gm` (国密) adds SM3 digests for evidence files and an SM2 co-signature on every
 * checkpoint; the Merkle tree stays SHA-256 either way, so standard tools verify it.
 */
export type CryptoProfileName = 'standard' | 'gm';

export interface CryptoProfile {
  profile: CryptoProfileName;
  treeHash: 'sha256';
  evidenceDigest: 'sha256' | 'sm3';
  checkpointCosign: Array<'sm2'>;
}

export function cryptoProfile(name: CryptoProfileName): CryptoProfile {
  return name === 'gm'
    ? { profile: 'gm', treeHash: 'sha256', evidenceDigest: 'sm3', checkpointCosign: ['sm2'] }
    : { profile: 'standard', treeHash: 'sha256', evidenceDigest: 'sha256', checkpointCosign: [] };
}

/** SANXIANG_CRYPTO: what the operator asks for ('standard' or 'gm'), if anything. */
export function requestedProfile(env: NodeJS.ProcessEnv = process.env): CryptoProfileName | undefined {
  const v = env.SANXIANG_CRYPTO;
  if (v === undefined || v === '') return undefined;
  if (v !== 'standard' && v !== 'gm') throw new Error(`SANXIANG_CRYPTO must be "standard" or "gm", not "${v}"`);
  return v;
}

/**
 * The recorded profile. A request for a different one is refused rather than silently applied:
 * switching would make earlier and later records checkable by different rules.
 */
export async function recordedProfile(db: Db, requested: CryptoProfileName | undefined): Promise<CryptoProfile> {
  const first = await db.selectFrom('events').select('data').where('log_id', '=', PLATFORM_LOG).where('seq', '=', 1).executeTakeFirst();
  const data = first ? (JSON.parse(first.data) as Partial<CryptoProfile>) : {};
  const recorded = cryptoProfile(data.profile ?? 'standard');
  if (requested && requested !== recorded.profile) {
    throw new DomainError('crypto-profile-fixed', `平台创建时选择的密码方案为“${recorded.profile}”，不能改为“${requested}”`, 409, {
      recorded: recorded.profile,
      requested,
    });
  }
  return recorded;
}
