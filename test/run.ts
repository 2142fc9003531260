/**
 * `npm test`: prepares PostgreSQL (see harness/postgres.ts) and the web build, then runs every
 * `*.test.ts` under src/ and test/ with node's test runner, printing the standard summary and a
 * pass count per storage engine.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { preparePostgres } from './harness/postgres.ts';
import { ensureWebBuilt } from '../src/cli/web-build.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (m: string) => process.stderr.write(`# ${m}\n`);
const ci = process.env.CI === 'true';
const only = process.argv.slice(2);

function findTests(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

// Types are part of the specification: a type error fails the run like a failed test.
if (only.length === 0) {
  for (const project of ['tsconfig.json', 'web/tsconfig.json']) {
    const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', project, '--noEmit'], { cwd: root, encoding: 'utf8' });
    if (tsc.status !== 0) {
      process.stdout.write(tsc.stdout + tsc.stderr);
      log(`typecheck failed: ${project}`);
      process.exit(1);
    }
  }
  log('typecheck ok (server, tests, web)');
}

const files = only.length > 0 ? only : [...findTests('src'), ...findTests('test')];
// Password hashing at production cost would make every login in the tests slow; hashes carry their cost.
const env: NodeJS.ProcessEnv = { SANXIANG_SCRYPT_N: '1024', ...process.env };

const pg = preparePostgres(log);
if ('unavailable' in pg) {
  if (ci) {
    log(`PostgreSQL unavailable under CI=true: ${pg.unavailable}`);
    process.exit(1);
  }
  log(`PostgreSQL tests will be skipped: ${pg.unavailable}`);
} else {
  env.SANXIANG_TEST_PG_URL = pg.url;
  log(`PostgreSQL: ${pg.url}`);
}

if (files.some((f) => f.includes('browser'))) await ensureWebBuilt(log);

const args = [
  '--import',
  'tsx',
  '--test',
  '--test-concurrency=2',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=./test/harness/engine-summary.mjs',
  '--test-reporter-destination=stdout',
  ...files,
];
const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
const code: number = await new Promise((resolve) => child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0))));
if (!('unavailable' in pg)) pg.cleanup();
process.exit(code);
