import path from 'node:path';

/** Process configuration (DESIGN "Contracts": PORT, SANXIANG_DATA_DIR, DATABASE_URL, flags). */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection string; absent means embedded SQLite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Demo mode seeds demo agencies and accounts into an empty database. */
  demo: boolean;
  /** Minutes between scheduled checkpoints of every log. */
  checkpointMinutes: number;
}

export interface ConfigFlags {
  port?: string | number;
  host?: string;
  dataDir?: string;
  demo?: boolean;
}

export function loadConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(flags.port ?? env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid port: ${flags.port ?? env.PORT}`);
  }
  const production = env.NODE_ENV === 'production';
  return {
    port,
    host: flags.host ?? env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(flags.dataDir ?? env.SANXIANG_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    demo: production ? false : flags.demo !== false,
    checkpointMinutes: Math.max(1, Number(env.SANXIANG_CHECKPOINT_MINUTES ?? 60)),
  };
}
