/**
 * Operational: content-addressed bytes (issued PDFs now; evidence files later). Not a projection:
 * the ledger holds each blob's digest, never its bytes, and a rebuild leaves this table alone.
 * In the database rather than on a disk so that app instances behind a load balancer share it
 * with nothing else to mount or back up.
 */
export interface BlobsTable {
  /** Lower-case hex SHA-256 of `bytes`. */
  digest: string;
  media_type: string;
  size: number;
  bytes: Buffer;
  created_at: string;
}

export interface BlobTables {
  blobs: BlobsTable;
}
