import { systemClock, type Clock } from './kernel/clock.ts';
import { cryptoProfile, recordedProfile, requestedProfile, type CryptoProfile, type CryptoProfileName } from './ledger/crypto-profile.ts';
import { loadOrCreateKeys, type PlatformKeys } from './ledger/keys.ts';
import { DomainError } from './kernel/errors.ts';
import { Ledger, PLATFORM_LOG, PLATFORM_ORIGIN } from './ledger/ledger.ts';
import { isUniqueViolation, openStore, type Db, type Engine, type Store, type StoreOptions } from './store/db.ts';
import { migrateToLatest } from './store/migrate.ts';
import { ReadPool } from './store/read-pool.ts';
import type { ReadTasks } from './modules/read-tasks.ts';
import { projectionModules } from './modules/projections.ts';

export { storeOptionsFor } from './store/db.ts';

/** What every service needs: the database, the single append path, the clock and the platform key. */
export interface Ctx {
  db: Db;
  engine: Engine;
  ledger: Ledger;
  clock: Clock;
  keys: PlatformKeys;
  crypto: CryptoProfile;
  /** SQLite: reading threads for the public portal's reads (src/store/read-pool.ts); absent: read here. */
  reads?: ReadPool<ReadTasks> | null;
}

export interface App extends Ctx {
  store: Store;
  close(): Promise<void>;
}

/**
 * Opens the store, migrates it, loads (or creates) the platform signing key from `dataDir`, and
 * makes sure the platform log exists.
 */
export async function openApp(
  options: StoreOptions,
  dataDir: string,
  clock: Clock = systemClock,
  requested: CryptoProfileName | undefined = requestedProfile(),
): Promise<App> {
  const store = openStore(options);
  try {
    await migrateToLatest(store.db, store.engine, store.schema);
    const ledger = new Ledger(store.engine, clock, projectionModules);
    const exists = await store.db.selectFrom('logs').select('id').where('id', '=', PLATFORM_LOG).executeTakeFirst();
    if (!exists) {
      // Creating the platform: its cryptography and its keys are chosen now, once, and recorded.
      const crypto = cryptoProfile(requested ?? 'standard');
      const keys = loadOrCreateKeys(dataDir, crypto.checkpointCosign.includes('sm2'), true);
      await initialisePlatform(store.db, ledger, { eventFormat: 1, ...crypto, checkpointKey: keys.verifierKey, ...(keys.sm2 ? { sm2PublicKey: keys.sm2.publicKeyPem } : {}) });
    }
    const crypto = await recordedProfile(store.db, requested);
    const keys = loadOrCreateKeys(dataDir, crypto.checkpointCosign.includes('sm2'), false);
    await requireRecordedKeys(store.db, keys);
    const reads =
      store.engine === 'sqlite' && options.readThreads && store.location !== ':memory:'
        ? new ReadPool<ReadTasks>(store.location, options.readThreads, new URL('./modules/read-tasks.ts', import.meta.url), options.pageCacheKiB)
        : null;
    const close = async () => {
      await reads?.close();
      await store.close();
    };
    return { store, db: store.db, engine: store.engine, ledger, clock, keys, crypto, reads, close };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/**
 * The keys on this machine must be the ones the platform was created with: signing with another
 * key would silently break the link to every checkpoint signed before.
 */
async function requireRecordedKeys(db: Db, keys: PlatformKeys): Promise<void> {
  const first = await db.selectFrom('events').select('data').where('log_id', '=', PLATFORM_LOG).where('seq', '=', 1).executeTakeFirst();
  const recorded = first ? (JSON.parse(first.data) as { checkpointKey?: string; sm2PublicKey?: string }) : {};
  if (recorded.checkpointKey && recorded.checkpointKey !== keys.verifierKey) {
    throw new DomainError('checkpoint-key-mismatch', `本机的检查点签名密钥不是平台创建时记录的密钥（记录为 ${recorded.checkpointKey}）`, 409, { recorded: recorded.checkpointKey });
  }
  if (recorded.sm2PublicKey && recorded.sm2PublicKey !== keys.sm2?.publicKeyPem) {
    throw new DomainError('checkpoint-key-mismatch', '本机的 SM2 联署密钥不是平台创建时记录的密钥', 409, {});
  }
}

/** The platform log is opened once, with an event recording the platform's choices. */
async function initialisePlatform(db: Db, ledger: Ledger, choices: Record<string, unknown>): Promise<void> {
  try {
    await openPlatformLog(db, ledger, choices);
  } catch (err) {
    // Two instances starting on one new database: the other one opened it first.
    if (!isUniqueViolation(err)) throw err;
  }
}

async function openPlatformLog(db: Db, ledger: Ledger, choices: Record<string, unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('logs').select('id').where('id', '=', PLATFORM_LOG).executeTakeFirst();
    if (existing) return;
    await ledger.openLog(trx, { id: PLATFORM_LOG, origin: PLATFORM_ORIGIN, agencyId: null });
    await ledger.append(trx, {
      log: PLATFORM_LOG,
      actor: 'system',
      type: 'platform.initialised',
      subject: null,
      data: choices,
    });
  });
}
