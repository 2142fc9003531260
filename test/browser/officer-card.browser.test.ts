/**
 * 事中公示 in a real browser: an administrator prints an officer's certificate card from the
 * console; the QR code's URL (taken from the printed PDF) opens, on a phone, a page that says
 * 有效; the certificate is suspended through the API and the same card, reloaded, shows 已暂扣 as
 * invalid (red); a forged token shows 无效证件. The officer lookup finds the officer by name.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { browserSuite, browserUnavailable, screenshot } from '../harness/browser.ts';
import { httpLogin } from '../harness/process.ts';

const skip = browserUnavailable();

/** The URL the card's QR code carries (the PDF also links the QR area to it). */
const cardUrls = (pdf: Buffer) => [...pdf.toString('latin1').matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1]!);

describe('officer certificate card: print, scan on a phone, suspend, forged', { skip }, () => {
  const suite = browserSuite('card', { timeout: 30_000 });
  const { newPage, login } = suite;
  const phone = () => suite.phone({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });

  let cardUrl = '';

  it('the console prints 刘建国’s card: a PDF whose QR code carries the verify URL', async () => {
    const page = await newPage();
    await login(page, 'whzf-admin');
    await page.goto(`${suite.server.url}/admin/officers`);
    const row = page.locator('tr.ant-table-row').filter({ hasText: '刘建国' });
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: '打印 刘建国 的执法证卡片' }).click()]);
    assert.equal(download.suggestedFilename(), '执法证卡片.pdf');
    const pdf = fs.readFileSync(await download.path());
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const urls = cardUrls(pdf);
    assert.equal(urls.length, 1);
    cardUrl = urls[0]!;
    assert.ok(cardUrl.startsWith(`${suite.server.url}/public/officers/verify?t=`), cardUrl);
    // the card of a suspended officer cannot be printed: the button is disabled
    assert.ok(await page.locator('tr.ant-table-row').filter({ hasText: '郑伟' }).getByRole('button', { name: '打印 郑伟 的执法证卡片' }).isDisabled());
  });

  it('scanned on a phone: 有效, with name, unit, fields and number; suspended via the API, the same card reloads as 已暂扣 in red', async () => {
    assert.ok(cardUrl, 'printed above');
    const page = await phone();
    await page.goto(cardUrl);
    const badge = page.getByTestId('card-verdict');
    await badge.waitFor();
    assert.equal(await badge.getAttribute('data-verdict'), 'valid');
    assert.match((await badge.textContent())!, /有效/);
    for (const text of ['刘建国', '衡阳市文化市场综合执法局', '执法一科', '文化市场', '新闻出版', '43040120001']) {
      assert.ok(await page.getByText(text, { exact: false }).first().isVisible(), text);
    }
    assert.ok(await page.getByLabel('照片').isVisible(), 'photo placeholder');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no horizontal scrolling on a phone (${width}px)`);
    await screenshot(page, 'officer-card-valid-phone');

    // suspend the certificate through the API
    const auth = await httpLogin(suite.server.url, 'whzf-admin');
    const officers = (await (await fetch(`${suite.server.url}/api/officers?q=${encodeURIComponent('刘建国')}`, { headers: auth })).json()) as Array<{ id: string; version: number }>;
    const o = officers[0]!;
    const res = await fetch(`${suite.server.url}/api/officers/${o.id}/suspend`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'if-match': `"${o.version}"` },
      body: JSON.stringify({ reason: '浏览器测试：暂扣执法证' }),
    });
    assert.equal(res.status, 200, await res.text());

    await page.reload();
    await page.getByTestId('card-verdict').waitFor();
    assert.equal(await badge.getAttribute('data-verdict'), 'suspended');
    assert.match((await badge.textContent())!, /已暂扣/);
    assert.match((await badge.textContent())!, /不得从事行政执法活动/);
    const bg = await badge.evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(bg, 'rgb(207, 19, 34)', 'shown in red as invalid');
    await screenshot(page, 'officer-card-suspended-phone');
  });

  it('a forged token shows 无效证件 and nothing about anyone', async () => {
    assert.ok(cardUrl, 'printed above');
    const url = new URL(cardUrl);
    const token = url.searchParams.get('t')!;
    const i = Math.floor(token.length / 2);
    url.searchParams.set('t', token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1));
    const page = await phone();
    await page.goto(url.toString());
    const badge = page.getByTestId('card-verdict');
    await badge.waitFor();
    assert.equal(await badge.getAttribute('data-verdict'), 'invalid');
    assert.match((await badge.textContent())!, /无效证件/);
    assert.equal(await page.getByText('刘建国').count(), 0);
    await screenshot(page, 'officer-card-forged-phone');
  });

  it('the portal’s officer lookup finds an officer by name, with the live status', async () => {
    const page = await phone();
    await page.goto(`${suite.server.url}/public/officers`);
    const search = page.getByRole('searchbox', { name: '输入姓名或执法证号' });
    await search.fill('刘建国');
    await search.press('Enter');
    const item = page.getByTestId('officer-lookup-item').filter({ hasText: '刘建国' });
    await item.waitFor();
    assert.match((await item.textContent())!, /43040120001/);
    assert.match((await item.textContent())!, /已暂扣/);
    await screenshot(page, 'officer-lookup-phone');
  });
});
