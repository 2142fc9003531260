import type { CompiledQuery } from 'kysely';
import type { Db } from '../../src/store/db.ts';

/**
 * The database as the code under test sees it, with every written statement it sends
 * (`executeQuery`, the portal's way) passed to `seen` first — also those sent inside a
 * transaction it opens (PostgreSQL's bitmap-only count). Everything else is the real database.
 */
export function watchStatements(db: Db, seen: (q: CompiledQuery) => void): Db {
  const watch = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, name) {
        if (name === 'executeQuery') {
          return (q: CompiledQuery) => {
            seen(q);
            return (t as unknown as Db).executeQuery(q);
          };
        }
        if (name === 'transaction') {
          return () => {
            const builder = (t as unknown as Db).transaction();
            return { execute: <R>(cb: (trx: never) => Promise<R>) => builder.execute((trx) => cb(watch(trx) as never)) };
          };
        }
        const v = Reflect.get(t, name) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
      },
    });
  return watch(db);
}
