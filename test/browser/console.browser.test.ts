/**
 * The staff console end to end in a real browser: logging in through the form, the officer
 * list and its certificate flags, suspending with a reason and reading it back in the history,
 * the Excel import (a refused file, then a good one), another agency seeing none of it, the
 * phone layout, and the language switch.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { browserSuite, browserUnavailable, openedDialog, screenshot } from '../harness/browser.ts';

const skip = browserUnavailable();

const ADMIN = 'whzf-admin';
const ADMIN_NAME = 'whzf机构管理员';
/** The demo officers of 衡阳市文化市场综合执法局 (src/demo/seed.ts). */
const BUREAU_OFFICERS = ['刘建国', '张晓明', '黄丽华', '周志强', '吴海燕', '郑伟', '钱小芳'];
const HEADER = ['姓名', '内设机构', '职务', '执法证号', '发证机关', '执法种类', '有效期起', '有效期止', '辅助人员', '关联用户名'];

async function xlsx(dir: string, name: string, rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('执法人员');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('the staff console in a real browser', { skip }, () => {
  const suite = browserSuite('console');
  const { newPage, phone, login } = suite;

  const officerTable = (page: Page) => page.getByTestId('officer-table');
  const officerRow = (page: Page, name: string): Locator =>
    officerTable(page).getByRole('row').filter({ has: page.getByText(name, { exact: true }) });
  /** Data rows only: the header row has column headers, not cells. */
  const dataRows = (page: Page) => officerTable(page).getByRole('row').filter({ has: page.getByRole('cell') });

  async function openOfficers(page: Page): Promise<void> {
    await page.goto(`${suite.server.url}/admin/officers`);
    await officerRow(page, '刘建国').waitFor();
  }

  /** The officers the API gives the page's session. */
  async function apiOfficers(page: Page): Promise<{ status: number; names: string[] }> {
    return page.evaluate(async () => {
      const res = await fetch('/api/officers', { headers: { accept: 'application/json' } });
      const body: unknown = await res.json().catch(() => null);
      return { status: res.status, names: Array.isArray(body) ? body.map((o: { name: string }) => o.name) : [] };
    });
  }

  it('an agency admin logs in through the form and sees the officers, expired and suspended ones flagged', async () => {
    const page = await newPage();
    await login(page, ADMIN);
    await page.getByRole('menuitem', { name: '执法人员' }).click();
    await page.waitForURL(`${suite.server.url}/admin/officers`);
    await page.getByRole('heading', { name: '执法人员' }).waitFor();
    await officerRow(page, '刘建国').waitFor();

    for (const name of BUREAU_OFFICERS) assert.equal(await officerRow(page, name).count(), 1, `${name} has one row`);
    // Another agency's officers (衡阳市文物局) are not in this admin's list.
    assert.equal(await officerRow(page, '孙文博').count(), 0);

    const wu = officerRow(page, '吴海燕');
    assert.ok(await wu.getByText('已过期', { exact: true }).isVisible(), '吴海燕 is flagged 已过期');
    assert.ok(await wu.getByText('2021-01-01 至 2025-12-31').isVisible());
    const zheng = officerRow(page, '郑伟');
    assert.ok(await zheng.getByText('已暂扣', { exact: true }).isVisible(), '郑伟 is flagged 已暂扣');
    assert.ok(await officerRow(page, '刘建国').getByText('有效', { exact: true }).isVisible());
    assert.ok(await officerRow(page, '钱小芳').getByText('辅助人员（无执法证）').isVisible());
    // Only the expired and the suspended ones carry the warning flags.
    assert.equal(await officerTable(page).getByText('已过期', { exact: true }).count(), 1);
    assert.equal(await officerTable(page).getByText('已暂扣', { exact: true }).count(), 1);

    const file = await screenshot(page, 'console-officers');
    assert.ok(fs.statSync(file).size > 10_000);
  });

  it('suspending an officer with a reason flags the row and records the reason and operator in the history', async () => {
    const page = await newPage();
    await login(page, ADMIN);
    await openOfficers(page);
    const reason = '涉嫌违规执法，暂扣接受调查';
    assert.ok(await officerRow(page, '张晓明').getByText('有效', { exact: true }).isVisible());

    await page.getByRole('button', { name: '张晓明 的更多操作' }).click();
    await page.getByRole('menuitem', { name: '暂扣' }).click();
    const modal = await openedDialog(page, '暂扣执法证 — 张晓明');
    // The reason is required: confirming without one is refused in the form.
    await modal.getByRole('button', { name: '暂扣' }).click();
    await modal.getByText('请填写原因').waitFor();
    await modal.getByLabel('原因').fill(reason);
    await modal.getByRole('button', { name: '暂扣' }).click();
    await page.getByText('已暂扣 张晓明 的执法证').waitFor();
    await modal.waitFor({ state: 'hidden' });

    const row = officerRow(page, '张晓明');
    await row.getByText('已暂扣', { exact: true }).waitFor();
    assert.ok(await row.getByText('已暂扣', { exact: true }).isVisible());
    assert.equal(await officerTable(page).getByText('已暂扣', { exact: true }).count(), 2, '郑伟 and 张晓明');

    await page.getByRole('button', { name: '张晓明 的更多操作' }).click();
    await page.getByRole('menuitem', { name: '变更记录' }).click();
    const drawer = page.getByRole('dialog', { name: '变更记录 — 张晓明' });
    await drawer.getByText('暂扣执法证').waitFor();
    await page.getByRole('menuitem', { name: '变更记录' }).waitFor({ state: 'hidden' });
    const entry = drawer.getByRole('listitem').filter({ hasText: '暂扣执法证' });
    assert.equal(await entry.count(), 1);
    assert.ok(await entry.getByText(`原因：${reason}`).isVisible(), 'the reason is shown');
    assert.ok(await entry.getByText(`操作人：${ADMIN_NAME}`).isVisible(), 'the operator is named');
    const statusChange = entry.getByRole('listitem').filter({ hasText: '执法证状态' });
    assert.match(await statusChange.innerText(), /执法证状态：\s*正常\s*→\s*暂扣/);
    // The registration is there too, older, below it.
    assert.ok(await drawer.getByText('登记', { exact: true }).isVisible());
    const text = await drawer.innerText();
    assert.ok(text.indexOf('暂扣执法证') < text.indexOf('登记'), 'newest first');

    const file = await screenshot(page, 'console-suspend-history');
    assert.ok(fs.statSync(file).size > 10_000);
  });

  it('an Excel import with errors lists them by row and column and imports nothing; a good file imports', async () => {
    const page = await newPage();
    await login(page, ADMIN);
    await openOfficers(page);
    const before = await apiOfficers(page);
    assert.equal(before.status, 200);
    assert.equal(await dataRows(page).count(), before.names.length);

    const bad = await xlsx(suite.tmp, 'bad.xlsx', [
      ['错误甲', '不存在科', '科员', 'E2E-BAD-1', '衡阳市人民政府', '文化市场', '2025-01-01', '2028-12-31', '否', ''],
      ['错误乙', '执法一科', '科员', 'E2E-BAD-2', '衡阳市人民政府', '文化市场', '2025/13/45', '2028-12-31', '否', ''],
    ]);
    const fileInput = page.locator('input[type="file"]');
    await fileInput.setInputFiles(bad);
    const errorsDialog = page.getByRole('dialog', { name: '导入失败：共 2 处错误' });
    await errorsDialog.waitFor();
    const errors = errorsDialog.getByTestId('import-errors');
    const unitError = errors.getByRole('row').filter({ hasText: '本机构没有名为“不存在科”的内设机构' });
    assert.equal(await unitError.getByRole('cell').nth(0).innerText(), '2');
    assert.equal(await unitError.getByRole('cell').nth(1).innerText(), '内设机构');
    const dateError = errors.getByRole('row').filter({ hasText: '格式应为 2026-01-31' });
    assert.equal(await dateError.getByRole('cell').nth(0).innerText(), '3');
    assert.equal(await dateError.getByRole('cell').nth(1).innerText(), '有效期起');
    assert.ok(await errorsDialog.getByText('文件中有错误，未导入任何数据').isVisible());
    await screenshot(page, 'console-import-errors');
    await errorsDialog.getByRole('button', { name: '关闭' }).first().click();
    await errorsDialog.waitFor({ state: 'hidden' });

    const afterBad = await apiOfficers(page);
    assert.equal(afterBad.names.length, before.names.length, 'nothing was imported');
    assert.equal(await dataRows(page).count(), before.names.length);
    assert.equal(await officerRow(page, '错误甲').count(), 0);

    const stamp = Date.now();
    const good = await xlsx(suite.tmp, 'good.xlsx', [
      ['欧阳明', '执法一科', '科员', `E2E-${stamp}-1`, '衡阳市人民政府', '文化市场', '2025-01-01', '2028-12-31', '否', ''],
      ['司马青', '执法二科', '科员', `E2E-${stamp}-2`, '衡阳市人民政府', '文化市场', '2025-01-01', '2028-12-31', '否', ''],
    ]);
    await fileInput.setInputFiles(good);
    await page.getByText('已导入 2 条').waitFor();
    await officerRow(page, '欧阳明').waitFor();
    for (const name of ['欧阳明', '司马青']) {
      const row = officerRow(page, name);
      assert.ok(await row.getByText('有效', { exact: true }).isVisible(), `${name} is valid`);
      assert.ok(await row.getByText(`E2E-${stamp}-`).isVisible());
    }
    assert.ok(await officerRow(page, '欧阳明').getByText('执法一科').isVisible());
    assert.ok(await officerRow(page, '司马青').getByText('执法二科').isVisible());
    assert.equal(await dataRows(page).count(), before.names.length + 2);
    assert.equal((await apiOfficers(page)).names.length, before.names.length + 2);

    const file = await screenshot(page, 'console-import-done');
    assert.ok(fs.statSync(file).size > 10_000);
  });

  it("an unrelated agency's officer sees none of the bureau's officers, in the console or the API", async () => {
    const page = await newPage();
    await login(page, 'scjg-officer1');
    // An officer may read their own agency's officer list (the server's policy), and only that.
    await page.getByRole('menuitem', { name: '执法人员' }).click();
    await page.waitForURL('**/admin/officers');
    await page.getByTestId('officer-table').waitFor();
    await page.getByText('暂无执法人员').waitFor();
    assert.equal(await page.getByRole('button', { name: '登记执法人员' }).count(), 0, 'and may not register anyone');
    const body = await page.locator('body').innerText();
    for (const name of BUREAU_OFFICERS) assert.ok(!body.includes(name), `${name} is not on the page`);

    const api = await apiOfficers(page);
    assert.equal(api.status, 200, `GET /api/officers answered ${api.status}`);
    const leaked = api.names.filter((n) => BUREAU_OFFICERS.includes(n));
    assert.deepEqual(leaked, [], 'the API returns none of the bureau officers');

    const file = await screenshot(page, 'console-scjg-officers');
    assert.ok(fs.statSync(file).size > 5000);
  });

  it('on a phone the officer page fits the screen width and still flags the expired certificate', async () => {
    const page = await phone();
    await login(page, ADMIN);
    await openOfficers(page);
    const expired = officerRow(page, '吴海燕').getByText('已过期', { exact: true });
    await expired.waitFor();
    assert.ok(await expired.isVisible());
    const box = await expired.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 375, `the tag is within the screen: ${JSON.stringify(box)}`);
    // The menu lives in a drawer behind a button.
    assert.ok(await page.getByRole('button', { name: '打开菜单' }).isVisible());

    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, inner: window.innerWidth }));
    assert.ok(widths.doc <= 375 + 1, `no horizontal page scroll: ${JSON.stringify(widths)}`);

    const file = await screenshot(page, 'console-phone-officers');
    assert.ok(fs.statSync(file).size > 5000);
  });

  it('the login page switches to English', async () => {
    const page = await newPage();
    await page.goto(`${suite.server.url}/login`);
    await page.getByRole('button', { name: '登录' }).waitFor();
    await page.getByText('English', { exact: true }).click();

    await page.getByRole('button', { name: 'Log in', exact: true }).waitFor();
    assert.ok(await page.getByRole('radio', { name: 'English' }).isChecked(), 'the switch shows English as chosen');
    assert.ok(!(await page.getByRole('radio', { name: '中文' }).isChecked()));
    assert.ok(await page.getByText('Sanxiang · Three Systems of Administrative Enforcement').isVisible());
    assert.ok(await page.getByLabel('Username').isVisible());
    assert.ok(await page.getByLabel('Password').isVisible());
    assert.equal(await page.getByRole('button', { name: '登录' }).count(), 0);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    const file = await screenshot(page, 'console-login-en');

    // The choice is remembered across a reload.
    await page.reload();
    await page.getByRole('button', { name: 'Log in', exact: true }).waitFor();
    assert.ok(await page.getByRole('radio', { name: 'English' }).isChecked());
    // An English error message for a wrong password.
    await page.getByLabel('Username').fill(ADMIN);
    await page.getByLabel('Password').fill('wrong-password-1');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.doesNotMatch(await alert.innerText(), /[\u4e00-\u9fff]/, 'the error is in English');
    assert.ok(fs.statSync(file).size > 5000);
  });
});
