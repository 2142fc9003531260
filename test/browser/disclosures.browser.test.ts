/**
 * 事前公开 (国办发〔2018〕118号第四项) end to end, in a real browser, each person in their own
 * browser: a 公示审核员 of 衡阳市文化市场综合执法局 changes an entry of the 权责清单 in the console
 * and submits it; the drafter is not offered the publish button; a second 公示审核员 publishes it;
 * a citizen with no login, on a phone, finds the entry on the portal with its new content, opens
 * its 历史版本 and sees both versions, and sees the penalty-procedure flowchart drawn.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { animationsDone, browserSuite, browserUnavailable, screenshot } from '../harness/browser.ts';

const skip = browserUnavailable();
const ENTRY = '对互联网上网服务营业场所经营单位在规定的营业时间以外营业的行政处罚';

describe('before-enforcement disclosures (事前公开): console edit → review → publish, portal with history', { skip }, () => {
  const suite = browserSuite('disclosures');
  const { newPage, phone, login } = suite;

  async function openEntry(page: Page, query: string): Promise<void> {
    await page.goto(`${suite.server.url}/publicity/disclosures?kind=power${query}`);
    await page.getByRole('heading', { name: '事前公开', exact: true }).waitFor();
    await page.getByTestId('disclosure-table').getByText(ENTRY).click();
    await page.getByTestId('disclosure-drawer').getByText('现行公开内容').waitFor();
  }

  it('a 权责清单 change is drafted and submitted by one 公示审核员, published by another, and public with its history', async () => {
    const agencies = (await (await fetch(`${suite.server.url}/api/public/agencies`)).json()) as { id: string; name: string }[];
    const whzf = agencies.find((a) => a.name === '衡阳市文化市场综合执法局')!.id;

    // The editor drafts the change through the form and submits it.
    const editor = await newPage();
    await login(editor, 'whzf-publicity');
    await openEntry(editor, '');
    await editor.getByTestId('disclosure-edit').click();
    const form = editor.getByTestId('disclosure-form');
    await form.waitFor();
    await form.getByLabel('承办机构').fill('执法二科');
    await form.getByTestId('disclosure-note').fill('夜间巡查职责调整至执法二科');
    await editor.getByRole('button', { name: '保存' }).click();
    await editor.getByTestId('disclosure-draft').getByText('执法二科', { exact: true }).waitFor();
    await editor.getByTestId('disclosure-submit').click();
    await editor.getByTestId('disclosure-drawer').getByText('待审核').first().waitFor();
    assert.equal(await editor.getByTestId('disclosure-publish').isDisabled(), true, 'the drafter cannot publish');
    await screenshot(editor, 'disclosures-console-in-review');

    // The public still reads the old version.
    const before = (await (await fetch(`${suite.server.url}/api/public/agencies/${whzf}/disclosures?kind=power&q=${encodeURIComponent('营业时间以外')}`)).json()) as { content: { unit: string } }[];
    assert.equal(before[0]!.content.unit, '执法一科');

    // A second reviewer publishes.
    const reviewer = await newPage();
    await login(reviewer, 'whzf-publicity2');
    await openEntry(reviewer, '&pending=review');
    await reviewer.getByTestId('disclosure-publish').click();
    await reviewer.getByTestId('disclosure-drawer').getByText('v2').first().waitFor();

    // A citizen on a phone: the portal shows the new content and both versions.
    const citizen = await phone({ viewport: { width: 390, height: 844 } });
    await citizen.goto(`${suite.server.url}/public/disclosures?agency=${whzf}&tab=power`);
    await citizen.getByRole('heading', { name: '事前公开' }).waitFor();
    await citizen.getByTestId('disclosure-search').locator('input').fill('营业时间以外');
    await citizen.getByTestId('disclosure-search').locator('input').press('Enter');
    const items = citizen.getByTestId('disclosure-item');
    await citizen.waitForFunction(() => document.querySelectorAll('[data-testid="disclosure-item"]').length === 1);
    assert.match(await items.first().innerText(), new RegExp(ENTRY), 'the search finds the one entry');
    await items.first().click();
    await citizen.getByText('执法二科', { exact: true }).first().waitFor();
    // The panel is still opening: a click during its height transition can miss the link (seen in CI).
    await animationsDone(citizen);
    await citizen.getByTestId('disclosure-history-link').first().click();
    await citizen.getByTestId('disclosure-title').getByText(ENTRY).waitFor();
    const versions = citizen.getByTestId('disclosure-version');
    await versions.nth(1).waitFor();
    assert.equal(await versions.count(), 2);
    assert.match(await versions.first().innerText(), /第 2 版.*夜间巡查职责调整至执法二科/s);
    await versions.nth(1).click();
    await citizen.getByText('执法一科', { exact: true }).first().waitFor();
    await screenshot(citizen, 'disclosures-portal-history-phone');

    // The penalty procedure is a drawn flowchart, not an uploaded picture.
    await citizen.goto(`${suite.server.url}/public/disclosures?agency=${whzf}&tab=flowchart`);
    const chart = citizen.getByTestId('flowchart').locator('svg');
    await chart.waitFor();
    assert.ok((await chart.locator('.fc-node').count()) >= 10);
    await chart.getByText('组织听证').waitFor();
  });
});
