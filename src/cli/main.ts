import { Command } from 'commander';
import { dataDirOption, log, withApp } from './common.ts';
import { loadConfig, type ConfigFlags } from '../kernel/config.ts';
import { openApp, storeOptionsFor } from '../context.ts';
import { PAGE_CACHE_KIB } from '../store/db.ts';
import { buildServer } from '../http/server.ts';
import { seedDemo } from '../demo/seed.ts';
import { checkpointAll } from '../ledger/checkpoints.ts';
import { startFeedWorker } from '../modules/publicity/feed.worker.ts';
import { expireDuePublications } from '../modules/publicity/publications.service.ts';
import { progressBar } from './progress.ts';
import { registerRecordCommands } from './record.ts';
import { registerVerifyCommand } from './verify.ts';
import { ensureWebBuilt } from './web-build.ts';
import fs from 'node:fs';
import { DomainError } from '../kernel/errors.ts';
import { createUser } from '../modules/identity/users.service.ts';
import { importOfficers } from '../modules/identity/officers.excel.ts';
import type { Role } from '../shared/roles.ts';


const program = new Command('sanxiang')
  .description('三项 — 行政执法公示 · 执法全过程记录 · 重大执法决定法制审核')
  .showHelpAfterError();


async function serve(flags: ConfigFlags & { build?: boolean }) {
  const config = loadConfig(flags);
  if (flags.build !== false) await ensureWebBuilt(log);
  // The server keeps its hot pages (PAGE_CACHE_KIB); the one-pass commands keep SQLite's default cache.
  const app = await openApp({ ...storeOptionsFor(config), pageCacheKiB: PAGE_CACHE_KIB }, config.dataDir);
  if (config.demo) {
    const r = await seedDemo(app, { cases: true });
    if (r.seeded) log(`已写入演示数据：${r.agencies} 个机构、${r.users} 个账号、${r.officers} 名执法人员、${r.cases ?? 0} 件案件 (demo data seeded)`);
  }
  const server = await buildServer(app, { logger: process.env.SANXIANG_LOG === '1' });
  await server.listen({ port: config.port, host: config.host });
  log(`三项平台已启动 http://localhost:${config.port}  (${app.store.engine}: ${app.store.location})`);

  // Publication periods (公示截止期) end by themselves: checked at start and with each checkpoint
  // run, before it, so the expiries are in the checkpoint. Idempotent across instances (row lock).
  const expire = async () => {
    try {
      const n = await expireDuePublications(app);
      if (n > 0) log(`${n} 项公示已到期下线 (publications expired)`);
    } catch (err) {
      log(`公示到期处理失败 (expiry failed): ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  // Signed checkpoints: at start, on a schedule (default hourly), and at shutdown. Several
  // instances may run this; a log's checkpoint for a given size is signed once (row lock + key).
  const signAll = async () => {
    try {
      const run = await checkpointAll(app);
      for (const f of run.failed) log(`检查点签发被拒绝 (checkpoint refused) ${f.log}: ${f.error}`);
    } catch (err) {
      log(`检查点签发失败 (checkpoint failed): ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const scheduled = async () => {
    await expire();
    await signAll();
  };
  await scheduled();
  const timer = setInterval(scheduled, config.checkpointMinutes * 60_000);
  timer.unref();
  // The outbound feed to the city's unified platform, when SANXIANG_FEED_URL is set.
  const feed = startFeedWorker(app, config.feed, log);
  if (feed) log(`对外推送已启用 (outbound feed) → ${new URL(config.feed!.url).origin}`);
  const shutdown = async () => {
    clearInterval(timer);
    await server.close();
    await feed?.stop();
    await signAll();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

for (const name of ['start', 'serve']) {
  program
    .command(name)
    .description(name === 'start' ? 'migrate, seed demo data into an empty database (unless --no-demo), and serve API and web' : 'same as start')
    .option('--port <port>', 'HTTP port; env PORT (default 8080)')
    .option('--host <host>', 'address to listen on (default 0.0.0.0)')
    .addOption(dataDirOption())
    .option('--no-demo', 'never seed demo agencies and accounts (also implied by NODE_ENV=production)')
    .option('--no-build', 'do not build the web app, even if it is missing or stale')
    .action(serve);
}

program
  .command('migrate')
  .description('bring the database schema up to date')
  .addOption(dataDirOption())
  .action(async (flags: ConfigFlags) => {
    await withApp(flags, async (app) => log(`数据库已是最新结构 (${app.store.engine}: ${app.store.location})`));
  });

program
  .command('seed')
  .description('seed the demo bureau into an empty database')
  .addOption(dataDirOption())
  .action(async (flags: ConfigFlags) => {
    if (!loadConfig(flags).demo) {
      log('NODE_ENV=production：不写入演示数据 (never in production)');
      process.exitCode = 1;
      return;
    }
    await withApp(flags, async (app) => {
      const r = await seedDemo(app, { cases: true });
      log(r.seeded ? `已写入演示数据：${r.agencies} 个机构、${r.cases ?? 0} 件案件` : `未写入：${r.reason}`);
    });
  });

registerVerifyCommand(program);

program
  .command('checkpoint')
  .description('sign a checkpoint of every log that grew since its last one (the server also does this hourly)')
  .addOption(dataDirOption())
  .action(async (flags: ConfigFlags) => {
    await withApp(flags, async (app) => {
      const run = await checkpointAll(app);
      for (const cp of run.signed) process.stdout.write(`${cp.origin}：大小 ${cp.size}，根 ${cp.root}\n`);
      for (const f of run.failed) log(`拒绝签名 ${f.log}：${f.error}`);
      if (run.failed.length > 0) process.exitCode = 1;
    });
  });

const user = program.command('user').description('manage login accounts');
user
  .command('create')
  .description('create a user, e.g. the first platform admin of a production platform')
  .requiredOption('--username <name>', 'login name')
  .requiredOption('--display-name <name>', 'the person\'s name')
  .option('--role <role>', 'role (platform-admin, agency-admin, …)', 'platform-admin')
  .option('--agency <code>', 'agency code for an agency role')
  .option('--password <password>', 'password (default: env SANXIANG_PASSWORD, or read from stdin)')
  .addOption(dataDirOption())
  .action(async (flags: ConfigFlags & { username: string; displayName: string; role: Role; agency?: string; password?: string }) => {
    if (!flags.password && !process.env.SANXIANG_PASSWORD && process.stdin.isTTY) process.stderr.write('密码 (password, then Enter and Ctrl-D): ');
    const password = flags.password ?? process.env.SANXIANG_PASSWORD ?? (await readStdin()).trim();
    await withApp(flags, async (app) => {
      let agencyId: string | null = null;
      if (flags.agency) {
        const a = await app.db.selectFrom('agencies').select('id').where('code', '=', flags.agency).executeTakeFirst();
        if (!a) throw new Error(`No agency with code ${flags.agency}`);
        agencyId = a.id;
      }
      const u = await createUser(app, null, { username: flags.username, displayName: flags.displayName, password, roles: [{ role: flags.role, agencyId, unitId: null }] });
      log(`已创建用户 ${u.username}（${u.displayName}），角色 ${flags.role}`);
    });
  });

const officers = program.command('officers').description('enforcement officers');
officers
  .command('import')
  .description('import officers from an Excel file (the template of the web console); any bad row imports nothing')
  .argument('<file>', '.xlsx file')
  .requiredOption('--agency <code>', 'agency code, e.g. hy-whzf')
  .addOption(dataDirOption())
  .action(async (file: string, flags: ConfigFlags & { agency: string }) => {
    await withApp(flags, async (app) => {
      const a = await app.db.selectFrom('agencies').select('id').where('code', '=', flags.agency).executeTakeFirst();
      if (!a) throw new Error(`No agency with code ${flags.agency}`);
      const bar = progressBar('导入 import');
      try {
        const r = await importOfficers(app, null, a.id, fs.readFileSync(file), (done, total) => bar.update(done, total));
        bar.stop();
        log(`已导入 ${r.imported} 名执法人员`);
      } catch (e) {
        bar.stop();
        if (e instanceof DomainError && e.code === 'import-invalid') {
          log(e.message);
          for (const err of (e.details?.errors ?? []) as Array<{ row: number; column: string; message: string }>) log(`  第 ${err.row} 行 ${err.column}：${err.message}`);
          process.exitCode = 1;
          return;
        }
        throw e;
      }
    });
  });

function readStdin(): Promise<string> {
  return new Promise((resolve) => {
    let s = '';
    process.stdin.on('data', (d) => (s += d));
    process.stdin.on('end', () => resolve(s));
  });
}

registerRecordCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  // A person at a terminal gets the reason, not a stack trace (SANXIANG_DEBUG=1 shows it).
  if (process.env.SANXIANG_DEBUG === '1') throw e;
  log(e instanceof DomainError ? `错误 ${e.code}：${e.message}` : `错误：${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
