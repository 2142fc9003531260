/**
 * RFC 6962 §2.1 / RFC 9162 §2.1.1 tree hashing with SHA-256: a leaf is SHA-256(0x00 ‖ entry),
 * an interior node SHA-256(0x01 ‖ left ‖ right), and the empty tree SHA-256(""). The one-byte
 * prefixes keep leaves and nodes apart (second-preimage resistance).
 */
import { hash } from 'node:crypto';

/** HASH_SIZE is the SHA-256 output length in bytes. */
export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** leafHash is MTH({d(0)}) of RFC 6962 §2.1: SHA-256(0x00 ‖ entry). */
export function leafHash(entry: Uint8Array): Buffer {
  return hash('sha256', Buffer.concat([LEAF_PREFIX, entry]), 'buffer');
}

/**
 * nodeHash is the interior node of RFC 6962 §2.1: SHA-256(0x01 ‖ left ‖ right).
 * Requires both children to be HASH_SIZE bytes (not checked here: callers validate input).
 */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return hash('sha256', Buffer.concat([NODE_PREFIX, left, right], 1 + left.length + right.length), 'buffer');
}

/** emptyRoot is MTH({}) of RFC 6962 §2.1: SHA-256 of the empty string, e3b0c442…b855. */
export function emptyRoot(): Buffer {
  return hash('sha256', Buffer.alloc(0), 'buffer');
}
