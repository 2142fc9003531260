/**
 * The public checkpoint page in a real browser, without logging in: the explanation, the key
 * fingerprint matching the API, every log with its latest signed note, the link from the login
 * page, the phone layout and the English switch. The server signs a checkpoint of every log
 * when it starts, so a fresh demo install already has something to show.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite, browserUnavailable, screenshot } from '../harness/browser.ts';

const skip = browserUnavailable();

const HEADING = '执法全过程记录检查点';
const EXPLANATION_START = '每个机构的执法全过程记录都按时间顺序写入防篡改账本';
const EXPLANATION_END = '而没有删除或改写已有记录。';

interface PublicLogs {
  keyId: string;
  verifierKey: string;
  logs: { log: string; origin: string; agencyName: string | null; size: number; checkpoint: { size: number; note: string; createdAt: string } | null }[];
}

describe('the public checkpoint page in a real browser', { skip }, () => {
  const suite = browserSuite('ledger');
  const { newPage, phone } = suite;
  let published: PublicLogs;

  before(async () => {
    const res = await fetch(`${suite.server.url}/api/public/logs`);
    assert.equal(res.status, 200);
    published = (await res.json()) as PublicLogs;
  });

  const logTable = (page: Page) => page.getByTestId('ledger-logs');
  const dataRows = (page: Page) => logTable(page).locator('tr.ant-table-row');
  const logRow = (page: Page, name: string) => dataRows(page).filter({ has: page.getByText(name, { exact: true }) });

  it('shows every log, the key fingerprint and, on expanding, the signed note — without logging in', async () => {
    const page = await newPage();
    await page.goto(`${suite.server.url}/ledger`);
    await page.getByRole('heading', { name: HEADING }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/ledger', 'no redirect to the login page');
    assert.match(await page.title(), /执法记录检查点/);
    const explanation = page.getByText(EXPLANATION_START);
    assert.ok(await explanation.isVisible());
    assert.ok((await explanation.textContent())!.endsWith(EXPLANATION_END));

    // The fingerprint on screen is the key the API names.
    assert.ok(published.keyId.length > 0);
    assert.equal((await page.getByTestId('key-id').textContent())?.trim(), published.keyId);

    // The platform log and the four demo agencies, each with events and a checkpoint.
    await dataRows(page).first().waitFor();
    assert.equal(published.logs.length, 5);
    assert.equal(await dataRows(page).count(), 5);
    assert.ok(await logRow(page, '平台日志').isVisible());
    const relics = published.logs.find((l) => l.agencyName === '衡阳市文物局');
    assert.ok(relics, '衡阳市文物局 has a log');
    assert.ok(relics.size > 0, '衡阳市文物局 has recorded events');
    assert.ok(relics.checkpoint, 'the server signed a checkpoint at start');
    const row = logRow(page, '衡阳市文物局');
    assert.ok(await row.getByText(relics.origin, { exact: true }).isVisible());
    assert.ok(await row.getByRole('cell', { name: String(relics.size), exact: true }).isVisible());

    // Expanding the row shows the signed note as published, and the history.
    await row.getByRole('button', { name: '展开行' }).click();
    const note = logTable(page).locator('pre.sx-note').first();
    await note.waitFor();
    const text = (await note.textContent())!;
    assert.ok(text.startsWith(`${relics.origin}\n${relics.checkpoint.size}\n`), `note starts with the origin and size: ${JSON.stringify(text)}`);
    assert.equal(text, relics.checkpoint.note);
    assert.match(text, /\n\n— sanxiang /);
    const download = logTable(page).getByRole('link', { name: '下载衡阳市文物局的最新检查点' });
    assert.equal(await download.getAttribute('href'), `/api/public/logs/${relics.log}/checkpoint`);
    const [saved] = await Promise.all([page.waitForEvent('download'), download.click()]);
    assert.equal(saved.suggestedFilename(), 'sanxiang_hy-wwj.checkpoint.txt');
    assert.equal(fs.readFileSync(await saved.path(), 'utf8'), relics.checkpoint.note, 'the download is the note as signed');
    const history = page.getByTestId('checkpoint-history');
    await history.locator('tr.ant-table-row').first().waitFor();
    assert.ok((await history.locator('tr.ant-table-row').count()) >= 1);

    // The full key is one click away.
    await page.getByText('完整公钥（vkey）').click();
    await page.getByText(published.verifierKey, { exact: true }).waitFor();

    const file = await screenshot(page, 'public-ledger');
    assert.ok(fs.statSync(file).size > 5000);
  });

  it('is linked from the login page', async () => {
    const page = await newPage();
    await page.goto(`${suite.server.url}/login`);
    await page.getByRole('link', { name: '查看执法记录检查点' }).click();
    await page.waitForURL(`${suite.server.url}/ledger`);
    await page.getByRole('heading', { name: HEADING }).waitFor();
  });

  it('fits a 375px phone and switches to English', async () => {
    const page = await phone();
    await page.goto(`${suite.server.url}/ledger`);
    await page.getByRole('heading', { name: HEADING }).waitFor();
    await dataRows(page).first().waitFor();
    await logRow(page, '衡阳市文物局').getByRole('button', { name: '展开行' }).click();
    await logTable(page).locator('pre.sx-note').first().waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `no sideways scrolling on a phone (page is ${width}px wide)`);
    await screenshot(page, 'public-ledger-phone');

    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Enforcement record checkpoints' }).waitFor();
    assert.ok(await logRow(page, 'Platform log').isVisible());
    assert.equal((await page.getByTestId('key-id').textContent())?.trim(), published.keyId);
    await screenshot(page, 'public-ledger-phone-en');
  });
});
