/** Typed errors of the note package (C2SP signed-note, tlog-checkpoint, tlog-proof). */

/** NoteErrorCode is a stable, kebab-case code for a refused key, note, checkpoint or proof. */
export type NoteErrorCode =
  | 'malformed-key'
  | 'unknown-algorithm'
  | 'key-id-mismatch'
  | 'invalid-key-name'
  | 'malformed-note'
  | 'too-many-signatures'
  | 'ambiguous-verifier'
  | 'invalid-signature'
  | 'unverified-note'
  | 'missing-log-signature'
  | 'malformed-checkpoint'
  | 'wrong-origin'
  | 'malformed-tlog-proof';

/** NoteError is the base of every error thrown by this package; `code` is stable. */
export class NoteError extends Error {
  override readonly name: string = 'NoteError';
  constructor(
    readonly code: NoteErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** KeyFormatError: a signer or verifier key string, or a key name, is not acceptable. */
export class KeyFormatError extends NoteError {
  override readonly name = 'KeyFormatError';
}

/** MalformedNoteError: the text is not a signed note (C2SP signed-note "Format"). */
export class MalformedNoteError extends NoteError {
  override readonly name = 'MalformedNoteError';
  constructor(message: string, code: 'malformed-note' | 'too-many-signatures' = 'malformed-note') {
    super(code, message);
  }
}

/** InvalidSignatureError: a signature from a known key (name and key ID) does not verify. */
export class InvalidSignatureError extends NoteError {
  override readonly name = 'InvalidSignatureError';
  constructor(
    readonly keyName: string,
    readonly keyId: number,
  ) {
    super('invalid-signature', `invalid signature for key ${keyName}+${keyId.toString(16).padStart(8, '0')}`);
  }
}

/** UnverifiedNoteError: the note is well formed, but no known key signed it. */
export class UnverifiedNoteError extends NoteError {
  override readonly name = 'UnverifiedNoteError';
  constructor(readonly unverified: ReadonlyArray<{ name: string; keyId: number }>) {
    super('unverified-note', 'note has no signature from a known key');
  }
}

/** CheckpointError: not a C2SP tlog-checkpoint, the wrong origin, or not signed by the log. */
export class CheckpointError extends NoteError {
  override readonly name = 'CheckpointError';
}

/** TlogProofError: the text is not a C2SP tlog-proof. */
export class TlogProofError extends NoteError {
  override readonly name = 'TlogProofError';
  constructor(message: string) {
    super('malformed-tlog-proof', message);
  }
}
