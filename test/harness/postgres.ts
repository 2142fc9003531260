import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * PostgreSQL for tests (DESIGN "Contracts"): `SANXIANG_TEST_PG_URL` if set; otherwise, as root on
 * Debian, make sure the `postgresql` package is installed and its cluster running, give root a
 * superuser role, and create a fresh database for this run.
 */
export interface PgForRun {
  url: string;
  /** Drops the run's database (only when this harness created it). */
  cleanup(): void;
}

const SOCKET_DIR = '/var/run/postgresql';

function run(cmd: string, args: string[], opts: { user?: string; allowFail?: boolean } = {}): string {
  const full = opts.user ? ['-u', opts.user, '--', cmd, ...args] : args;
  const r = spawnSync(opts.user ? 'runuser' : cmd, full, { encoding: 'utf8', cwd: '/tmp' });
  if (r.status !== 0 && !opts.allowFail) {
    throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  }
  return r.stdout;
}

function haveServer(): boolean {
  return fs.existsSync('/usr/lib/postgresql') && fs.readdirSync('/usr/lib/postgresql').some((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/postgres`));
}

export function preparePostgres(log: (m: string) => void): PgForRun | { unavailable: string } {
  if (process.env.SANXIANG_TEST_PG_URL) return { url: process.env.SANXIANG_TEST_PG_URL, cleanup() {} };
  if (process.getuid?.() !== 0) return { unavailable: 'not root and SANXIANG_TEST_PG_URL is not set' };
  if (!fs.existsSync('/usr/bin/apt-get')) return { unavailable: 'not a Debian machine and SANXIANG_TEST_PG_URL is not set' };
  if (!haveServer()) {
    log('PostgreSQL is not installed: apt-get install postgresql …');
    run('apt-get', ['update', '-qq'], { allowFail: true });
    execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  const clusters = run('pg_lsclusters', ['--no-header'], { allowFail: true })
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 4);
  if (clusters.length === 0) {
    const version = fs.readdirSync('/usr/lib/postgresql').sort().at(-1)!;
    log(`creating PostgreSQL ${version} cluster "main"`);
    run('pg_createcluster', [version, 'main']);
    clusters.push([version, 'main', '5432', 'down']);
  }
  const [version, name, port, status] = clusters[0]!;
  if (status !== 'online') run('pg_ctlcluster', [version!, name!, 'start']);
  // initdb refuses root, so root works through a superuser role of its own.
  run('psql', ['-p', port!, '-h', SOCKET_DIR, '-d', 'postgres', '-c', 'select 1'], { user: 'postgres' });
  run('createuser', ['-p', port!, '-h', SOCKET_DIR, '-s', 'root'], { user: 'postgres', allowFail: true });
  const db = `sanxiang_test_${Date.now()}_${process.pid}`;
  run('createdb', ['-p', port!, '-h', SOCKET_DIR, db]);
  const url = `postgresql://root@/${db}?host=${encodeURIComponent(SOCKET_DIR)}&port=${port}`;
  return {
    url,
    cleanup() {
      run('dropdb', ['-p', port!, '-h', SOCKET_DIR, '--if-exists', '--force', db], { allowFail: true });
    },
  };
}
