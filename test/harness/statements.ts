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
          return (q: CompiledQuery | { compile(): CompiledQuery }) => {
            seen('compile' in q ? q.compile() : q);
            return (t as unknown as Db).executeQuery(q);
          };
        }
        if (name === 'transaction') {
          // The real builder (isolation level, access mode…), whose transaction is watched too.
          const watchedBuilder = (builder: ReturnType<Db['transaction']>): ReturnType<Db['transaction']> =>
            new Proxy(builder, {
              get(b, n) {
                if (n === 'execute') return <R>(cb: (trx: Parameters<Parameters<typeof b.execute>[0]>[0]) => Promise<R>) => b.execute((trx) => cb(watch(trx)));
                const v = Reflect.get(b, n) as unknown;
                if (typeof v !== 'function') return v;
                // setIsolationLevel and the like return a new builder: watch that one too.
                return (...a: unknown[]) => {
                  const r = (v as (...x: unknown[]) => unknown).apply(b, a);
                  return r && typeof r === 'object' && 'execute' in r ? watchedBuilder(r as typeof b) : r;
                };
              },
            });
          return () => watchedBuilder((t as unknown as Db).transaction());
        }
        const v = Reflect.get(t, name) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
      },
    });
  return watch(db);
}
