import type { LedgerTables } from '../ledger/ledger.tables.ts';
import type { IdentityTables } from '../modules/identity/identity.tables.ts';

/**
 * The whole database as Kysely sees it. Each capability declares its own tables next to its
 * code; this file only joins them.
 */
export interface Database extends LedgerTables, IdentityTables {}
