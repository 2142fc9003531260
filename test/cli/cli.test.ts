import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { ENGINES } from '../harness/engines.ts';
import { httpLogin, sanxiang, startServer } from '../harness/process.ts';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-cli-'));

describe('sanxiang command line', () => {
  it('every command answers --help', () => {
    for (const cmd of [[], ['start'], ['serve'], ['migrate'], ['seed'], ['verify'], ['user', 'create'], ['officers', 'import'], ['checkpoint']]) {
      const r = sanxiang([...cmd, '--help']);
      assert.equal(r.status, 0, `sanxiang ${cmd.join(' ')} --help`);
      assert.match(r.stdout, /Usage: sanxiang/);
    }
  });

  it('migrate, seed and verify work on a data directory', () => {
    const dir = tmp();
    assert.equal(sanxiang(['migrate', '--data-dir', dir]).status, 0);
    assert.ok(fs.existsSync(path.join(dir, 'sanxiang.db')));
    assert.equal(sanxiang(['seed', '--data-dir', dir]).status, 0);
    const second = sanxiang(['seed', '--data-dir', dir]);
    assert.match(second.stderr, /未写入/, 'a second seed refuses a non-empty database');
    const v = sanxiang(['verify', '--data-dir', dir, '--json']);
    assert.equal(v.status, 0, v.stderr);
    const report = JSON.parse(v.stdout);
    assert.equal(report.ok, true);
    assert.equal(report.logs.length, 5, 'four agency logs and the platform log');
  });

  it('officers import reads the Excel template: a bad file imports nothing and names row and column', async () => {
    const dir = tmp();
    assert.equal(sanxiang(['seed', '--data-dir', dir]).status, 0);
    const ExcelJS = (await import('exceljs')).default;
    const write = async (rows: unknown[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('执法人员');
      ws.addRow(['姓名', '内设机构', '职务', '执法证号', '发证机关', '执法种类', '有效期起', '有效期止', '辅助人员', '关联用户名']);
      for (const r of rows) ws.addRow(r);
      const file = path.join(dir, `import-${rows.length}.xlsx`);
      await wb.xlsx.writeFile(file);
      return file;
    };
    const bad = await write([['王五', '没有这个科', '科员', 'CLI-1', '', '文物', '2025-01-01', '2027-01-01', '否', '']]);
    const r1 = sanxiang(['officers', 'import', bad, '--agency', 'hy-wwj', '--data-dir', dir]);
    assert.equal(r1.status, 1);
    assert.match(r1.stderr, /第 2 行 内设机构/);
    const good = await write([
      ['王五', '文物保护科', '科员', 'CLI-1', '', '文物', '2025-01-01', '2027-01-01', '否', ''],
      ['赵六', '文物保护科', '科员', 'CLI-2', '', '文物', '2025-01-01', '2027-01-01', '否', ''],
    ]);
    const r2 = sanxiang(['officers', 'import', good, '--agency', 'hy-wwj', '--data-dir', dir]);
    assert.equal(r2.status, 0, r2.stderr);
    assert.match(r2.stderr, /已导入 2 名执法人员/);
    assert.equal(sanxiang(['verify', '--data-dir', dir]).status, 0);
  });

  it('user create makes the first admin of a production platform', async () => {
    const dir = tmp();
    const r = sanxiang(['user', 'create', '--username', 'root-admin', '--display-name', '首位管理员', '--data-dir', dir], { SANXIANG_PASSWORD: 'Start2026now' });
    assert.equal(r.status, 0, r.stderr);
    const s = await startServer(['--no-build', '--no-demo', '--data-dir', dir]);
    try {
      const headers = await httpLogin(s.url, 'root-admin', 'Start2026now');
      const me = (await (await fetch(`${s.url}/api/auth/me`, { headers })).json()) as { user: { roles: Array<{ role: string }> } };
      assert.deepEqual(me.user.roles.map((g) => g.role), ['platform-admin']);
    } finally {
      await s.stop();
    }
  });

  it('verify exits 1 and names the log and the first bad seq of an edited event', () => {
    const dir = tmp();
    assert.equal(sanxiang(['seed', '--data-dir', dir]).status, 0);
    const db = new Sqlite(path.join(dir, 'sanxiang.db'));
    const row = db.prepare("select log_id, seq from events where type = 'unit.created' order by id limit 1 offset 1").get() as { log_id: string; seq: number };
    db.prepare("update events set data = replace(data, '科', '处') where log_id = ? and seq = ?").run(row.log_id, row.seq);
    db.close();
    const v = sanxiang(['verify', '--data-dir', dir]);
    assert.equal(v.status, 1);
    assert.match(v.stdout, new RegExp(`\\(${row.log_id}\\).*序号 ${row.seq} leaf-mismatch`));
  });
});

describe('sanxiang start', () => {
  const servers: Array<{ stop(): Promise<void> }> = [];
  after(async () => {
    for (const s of servers) await s.stop();
  });

  it('serves on PORT with data in SANXIANG_DATA_DIR, seeded with the demo bureau', async () => {
    const dir = tmp();
    const s = await startServer(['--no-build'], { SANXIANG_DATA_DIR: dir, SANXIANG_READ_THREADS: '1' });
    servers.push(s);
    assert.deepEqual(await (await fetch(`${s.url}/api/health`)).json(), { status: 'ok' });
    const headers = await httpLogin(s.url, 'admin');
    const agencies = (await (await fetch(`${s.url}/api/agencies`, { headers })).json()) as Array<{ name: string; units: unknown[] }>;
    assert.deepEqual(agencies.map((a) => a.name).sort(), ['衡阳市市场监督管理局', '衡阳市文体广电新闻出版局', '衡阳市文化市场综合执法局', '衡阳市文物局'].sort());
    assert.ok(fs.existsSync(path.join(dir, 'sanxiang.db')));
    // The portal's search runs in a reading thread (src/store/read-pool.ts), which loads the TypeScript itself.
    const found = (await (await fetch(`${s.url}/api/public/decisions?q=${encodeURIComponent('网吧')}`)).json()) as { items: unknown[]; count: number };
    assert.ok(found.items.length > 0 && found.count >= found.items.length, JSON.stringify(found).slice(0, 200));
    await s.stop();
    // A restart on the same data seeds nothing more.
    const again = await startServer(['--no-build', '--data-dir', dir], { SANXIANG_READ_THREADS: '0' });
    servers.push(again);
    assert.deepEqual(await (await fetch(`${again.url}/api/public/decisions?q=${encodeURIComponent('网吧')}`)).json(), found, 'the same answer read on the event loop');
    assert.equal(((await (await fetch(`${again.url}/api/agencies`, { headers: await httpLogin(again.url, 'admin') })).json()) as unknown[]).length, 4);
  });

  it('--no-demo and NODE_ENV=production never seed demo data', async () => {
    for (const [args, env] of [[['--no-demo'], {}], [[], { NODE_ENV: 'production' }]] as const) {
      const s = await startServer(['--no-build', '--data-dir', tmp(), ...args], env);
      servers.push(s);
      const res = await fetch(`${s.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Demo@2026' }) });
      assert.equal(res.status, 401, 'no demo accounts exist');
    }
  });

  if (ENGINES.includes('postgres')) {
    it('DATABASE_URL selects PostgreSQL', async () => {
      const base = process.env.SANXIANG_TEST_PG_URL!;
      const name = `sanxiang_cli_${process.pid}`;
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`drop database if exists ${name}`);
      await admin.query(`create database ${name}`);
      // Socket URLs have no host part, which URL cannot parse: swap the database name by hand.
      const url = base.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
      try {
        const dataDir = tmp();
        const s = await startServer(['--no-build', '--data-dir', dataDir], { DATABASE_URL: url });
        servers.push(s);
        assert.match(s.output(), /postgres:/);
        assert.equal(((await (await fetch(`${s.url}/api/agencies`, { headers: await httpLogin(s.url, 'admin') })).json()) as unknown[]).length, 4);
        await s.stop();
        const v = sanxiang(['verify', '--json', '--data-dir', dataDir], { DATABASE_URL: url });
        assert.equal(v.status, 0, v.stderr);
      } finally {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    });
  }
});
