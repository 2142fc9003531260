import { Option } from 'commander';
import type { App } from '../context.ts';
import { loadConfig, type ConfigFlags } from '../kernel/config.ts';

/** Messages for the person at the terminal go to stderr; results go to stdout. */
export const log = (msg: string) => process.stderr.write(`${msg}\n`);

/** Opens the platform for one command and closes it afterwards. */
export async function withApp<T>(flags: ConfigFlags, fn: (app: App) => Promise<T>): Promise<T> {
  const config = loadConfig(flags);
  // Loaded here, not above: `sanxiang verify` uses this module and must not load the platform.
  const { openApp, storeOptionsFor } = await import('../context.ts');
  const app = await openApp(storeOptionsFor(config), config.dataDir);
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

export const dataDirOption = () => new Option('--data-dir <dir>', 'data directory (SQLite database, keys, media); env SANXIANG_DATA_DIR');
