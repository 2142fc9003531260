import type { Kysely } from 'kysely';
import type { Engine } from '../db.ts';

export interface EngineMigration {
  up(db: Kysely<any>, engine: Engine): Promise<void>;
}

/** Column types that differ between the engines; everything else is spelled the same. */
export function types(engine: Engine) {
  return {
    bytes: engine === 'postgres' ? ('bytea' as const) : ('blob' as const),
    bigint: engine === 'postgres' ? ('bigint' as const) : ('integer' as const),
    serial: engine === 'postgres' ? ('bigserial' as const) : ('integer' as const),
  };
}
