// Throwaway manual check of the 裁量基准 page (deleted after use; not a committed test).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp } from '../src/context.ts';
import { FixedClock } from '../src/kernel/clock.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { buildServer } from '../src/http/server.ts';
import { launchBrowser } from './harness/browser.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-smoke-'));
const app = await openApp({ sqlitePath: path.join(dir, 'db.sqlite') }, dir, new FixedClock('2026-03-02T01:00:00.000Z'));
await seedDemo(app);
const server = await buildServer(app, { webDir: '/tmp/bm-web-dist' });
await server.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
const browser = await launchBrowser();
const out = '/tmp/bm-browser';
const errors: string[] = [];
try {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  ctx.setDefaultTimeout(20000);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${url}/login`);
  await page.getByLabel('用户名').fill('whzf-head');
  await page.getByLabel('密码').fill('Demo@2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${url}/`);
  await page.getByRole('menuitem', { name: '裁量基准' }).click();
  await page.waitForURL(`${url}/benchmarks`);
  await page.getByTestId('benchmark-table').getByText('文市-网吧-01').waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}/1-list.png`, fullPage: true });
  await page.getByRole('button', { name: '文市-演出-01', exact: true }).click();
  await page.getByTestId('benchmark-levels').waitFor();
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${out}/2-detail.png` });
  await page.getByRole('button', { name: /编\s*辑/ }).last().click();
  await page.getByTestId('benchmark-level-0').waitFor();
  await page.waitForTimeout(600);
  // raise the 一般 level's ceiling to make the form send a change
  const max = page.getByTestId('benchmark-level-0').getByLabel('罚款上限（元）');
  await max.fill('100');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}/3-form-errors.png` });
  await max.fill('80000');
  await page.getByLabel('原因').fill('调整一般等次上限');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByText('已保存').waitFor();
  // history
  const row = page.getByTestId('benchmark-table').getByRole('row').filter({ hasText: '文市-演出-01' });
  await row.getByRole('button', { name: /更多操作/ }).click();
  await page.getByRole('menuitem', { name: '变更记录' }).click();
  await page.getByText('调整一般等次上限').waitFor();
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${out}/4-history.png` });
  await page.keyboard.press('Escape');
  // new entry, server-side rule error mapped onto the level field
  await page.getByRole('button', { name: '新建裁量基准' }).click();
  await page.getByLabel('执法领域', { exact: true }).fill('文化市场');
  await page.getByLabel('编码', { exact: true }).fill('文市-测试-99');
  await page.getByLabel('违法行为').fill('测试违法行为');
  await page.getByLabel('违法依据').fill('测试违法依据');
  await page.getByLabel('处罚依据').fill('测试处罚依据');
  const l0 = page.getByTestId('benchmark-level-0');
  await l0.getByLabel('适用情形').fill('首次');
  await l0.getByLabel('罚款下限（元）').fill('1000');
  await l0.getByLabel('罚款上限（元）').fill('5000');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${out}/5-create-error.png` });
  const text = await l0.innerText();
  console.log('level-0 text after server refusal:', text.includes('处罚种类须包含') ? 'kinds error shown on level' : text);
  // English
  const en = await browser.newContext({ viewport: { width: 390, height: 800 }, locale: 'en' });
  const p2 = await en.newPage();
  p2.on('pageerror', (e) => errors.push(String(e)));
  await p2.addInitScript(() => localStorage.setItem('sanxiang.lang', 'en'));
  await p2.goto(`${url}/login`);
  await p2.getByLabel('Username').fill('whzf-officer1');
  await p2.getByLabel('Password').fill('Demo@2026');
  await p2.getByRole('button', { name: 'Log in' }).click();
  await p2.waitForURL(`${url}/`);
  await p2.goto(`${url}/benchmarks`);
  await p2.getByTestId('benchmark-table').getByText('文市-网吧-01').waitFor();
  const createVisible = await p2.getByRole('button', { name: 'New benchmark entry' }).count();
  console.log('officer sees create button:', createVisible);
  await p2.screenshot({ path: `${out}/6-phone-en-officer.png`, fullPage: true });
} finally {
  console.log('page errors:', JSON.stringify(errors));
  await browser.close();
  await server.close();
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
