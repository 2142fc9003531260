/** C2SP signed-note, tlog-checkpoint and tlog-proof with Ed25519 keys (domain/ledger.md). */
export {
  CheckpointError,
  InvalidSignatureError,
  KeyFormatError,
  MalformedNoteError,
  NoteError,
  TlogProofError,
  UnverifiedNoteError,
  type NoteErrorCode,
} from './errors.ts';
export {
  ED25519,
  ed25519KeyId,
  ed25519Signer,
  ed25519Verifier,
  formatKeyId,
  formatSignerKey,
  formatVerifierKey,
  generateSignerKey,
  isValidKeyName,
  keyId,
  parseSignerKey,
  parseVerifierKey,
  type Ed25519Signer,
  type Ed25519Verifier,
  type NoteSigner,
  type NoteVerifier,
} from './keys.ts';
export { MAX_SIGNATURES, openNote, signNote, type NoteSignature, type OpenedNote } from './note.ts';
export {
  checkpointBody,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  type Checkpoint,
  type CheckpointPolicy,
} from './checkpoint.ts';
export { parseTlogProof, tlogProof, verifyTlogProof, type TlogProof } from './tlog-proof.ts';
