import type { EngineMigration } from './types.ts';
import { createLedger } from './0001_create_ledger.ts';
import { createAgencies } from './0002_create_agencies.ts';
import { createPeopleAndAccess } from './0003_create_people_and_access.ts';
import { createTreeNodesAndCheckpoints } from './0004_create_tree_nodes_and_checkpoints.ts';

/** Every migration, in order. Names are what they change; never rename or edit a shipped one. */
export const migrations: Record<string, EngineMigration> = {
  '0001_create_ledger': createLedger,
  '0002_create_agencies': createAgencies,
  '0003_create_people_and_access': createPeopleAndAccess,
  '0004_create_tree_nodes_and_checkpoints': createTreeNodesAndCheckpoints,
};
