import type { EngineMigration } from './types.ts';

/**
 * The generation of the portal's public set: at most one row, rewritten by the publication projector
 * whenever a decision becomes public, is corrected, withdrawn or expires. A search's capped hit
 * count is remembered per generation (portal.service.ts), so paging through results, and the
 * searches many citizens repeat, do not count the same hits again while nothing changed.
 */
export const portalGeneration: EngineMigration = {
  async up(db) {
    await db.schema
      .createTable('portal_generation')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('generation', 'text', (c) => c.notNull())
      .execute();
    // No row until the first change after this migration: the caches it keys start empty in every process.
  },
};
