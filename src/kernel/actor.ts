/**
 * Who is acting. Every event names its actor; "system" is the platform itself (seeding,
 * scheduled jobs). Authorisation fields are added by the identity module's principal.
 */
export interface Actor {
  /** A user id, or "system". */
  id: string;
}

export const SYSTEM: Actor = { id: 'system' };
