/** Typed errors of the merkle package, after transparency-dev/merkle's proof.RootMismatchError. */

/** ProofErrorReason is a stable, kebab-case code for why a proof or its inputs were refused. */
export type ProofErrorReason =
  | 'invalid-index'
  | 'invalid-size'
  | 'index-out-of-range'
  | 'size1-zero'
  | 'size1-exceeds-size2'
  | 'bad-hash-size'
  | 'empty-proof'
  | 'proof-not-empty'
  | 'proof-too-long'
  | 'proof-too-short';

/** ProofError: the proof is malformed for the sizes given, or a precondition does not hold. */
export class ProofError extends Error {
  override readonly name = 'ProofError';
  constructor(
    readonly reason: ProofErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/** RootMismatchError: the proof is well formed but leads to a root other than the one expected. */
export class RootMismatchError extends Error {
  override readonly name = 'RootMismatchError';
  constructor(
    readonly expected: Buffer,
    readonly calculated: Buffer,
  ) {
    super(`calculated root ${calculated.toString('hex')} does not match expected root ${expected.toString('hex')}`);
  }
}

/** MissingNodeError: a NodeReader has no hash for a perfect subtree the computation needs. */
export class MissingNodeError extends Error {
  override readonly name = 'MissingNodeError';
  constructor(
    readonly level: number,
    readonly index: number,
  ) {
    super(`no stored hash for node (level ${level}, index ${index})`);
  }
}
