import { createHash } from 'node:crypto';
import { DomainError } from '../kernel/errors.ts';
import type { Db, Tx } from '../store/db.ts';

/** A stored blob's address and length. */
export interface BlobRef {
  /** Lower-case hex SHA-256 of the bytes. */
  digest: string;
  size: number;
}

/**
 * Content-addressed storage: the address of bytes is their SHA-256, so storing the same bytes
 * twice stores them once, and whoever holds a digest (the ledger does) can tell whether what
 * comes back is what was stored.
 */
export interface BlobStore {
  put(bytes: Uint8Array, mediaType: string): Promise<BlobRef>;
  /** The bytes, checked against their digest; null if there is no such blob. */
  get(digest: string): Promise<Buffer | null>;
  has(digest: string): Promise<boolean>;
}

const DIGEST = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The blob store over the `blobs` table, on either engine. Bound to a connection or a
 * transaction: a blob put inside a transaction is written, or not, with the event that names it.
 */
export class DbBlobStore implements BlobStore {
  constructor(
    private readonly db: Db | Tx,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  async put(bytes: Uint8Array, mediaType: string): Promise<BlobRef> {
    const digest = sha256Hex(bytes);
    await this.db
      .insertInto('blobs')
      .values({ digest, media_type: mediaType, size: bytes.length, bytes: Buffer.from(bytes), created_at: this.now() })
      // Same digest, same bytes: a second put is a no-op, also when a concurrent one won.
      .onConflict((oc) => oc.column('digest').doNothing())
      .execute();
    return { digest, size: bytes.length };
  }

  async get(digest: string): Promise<Buffer | null> {
    if (!DIGEST.test(digest)) return null;
    const row = await this.db.selectFrom('blobs').select(['bytes', 'size']).where('digest', '=', digest).executeTakeFirst();
    if (!row) return null;
    const bytes = Buffer.from(row.bytes);
    // A changed row (disk fault, manual edit) must not be served as the record.
    if (bytes.length !== Number(row.size) || sha256Hex(bytes) !== digest) {
      throw new DomainError('blob-corrupt', `存储的文件内容与其摘要不符：${digest}`, 500, { digest });
    }
    return bytes;
  }

  async has(digest: string): Promise<boolean> {
    if (!DIGEST.test(digest)) return false;
    return (await this.db.selectFrom('blobs').select('digest').where('digest', '=', digest).executeTakeFirst()) !== undefined;
  }
}
