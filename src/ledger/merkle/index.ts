/** The RFC 6962 / RFC 9162 Merkle tree of the tamper-evident record (domain/ledger.md). */
export { emptyRoot, HASH_SIZE, leafHash, nodeHash } from './hashing.ts';
export { MissingNodeError, ProofError, RootMismatchError, type ProofErrorReason } from './errors.ts';
export { CompactRange } from './compact-range.ts';
export { MemoryNodeStore, type NodeReader, type StoredNode } from './nodes.ts';
export {
  consistencyProof,
  consistencySubtrees,
  inclusionProof,
  inclusionSubtrees,
  rootAt,
  rootFromLeaves,
  subtreeHashes,
  type Subtree,
} from './tree.ts';
export { rootFromConsistencyProof, rootFromInclusionProof, verifyConsistency, verifyInclusion } from './proof.ts';
