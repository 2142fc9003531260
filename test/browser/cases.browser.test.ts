/**
 * Penalty cases in the staff console, in a real browser: one ordinary case walked from 线索 to
 * 归档 through the forms of the case page, with the officer and the agency head each in their own
 * browser (and the head once acting on a stale page, which must say so and reload); then a
 * simple-procedure penalty on a phone, refused once with the article the law names, then decided
 * and collected on the spot. Mirrors test/cases/lifecycle.test.ts, on today's date.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { browserSuite, browserUnavailable, chinaDay, openedDrawer, screenshot } from '../harness/browser.ts';
import { httpLogin } from '../harness/process.ts';

const skip = browserUnavailable();

const OFFICER = 'whzf-officer1';
const HEAD = 'whzf-head';

describe('penalty cases in the staff console', { skip }, () => {
  const suite = browserSuite('cases');
  const { newPage, phone, login, call } = suite;

  /**
   * Picks an option of an antd Select: opens it and clicks the option — or, where it searches,
   * types the name and takes the first match with Enter (steadier than a click while the
   * filtered list is still moving, as it may on a phone).
   */
  async function choose(page: Page, select: Locator, option: string, search = false): Promise<void> {
    await select.click();
    const item = page.locator('.ant-select-item-option:visible').filter({ hasText: option }).first();
    if (!search) return item.click();
    await select.fill(option);
    await item.waitFor();
    await select.press('Enter');
    await page.locator('.ant-select-selection-item').filter({ hasText: option }).first().waitFor();
  }

  const status = (page: Page) => page.getByTestId('case-status');

  async function waitForStatus(page: Page, label: string): Promise<void> {
    await status(page).getByText(label, { exact: true }).waitFor();
  }

  /**
   * Performs one act through its button and drawer: `fill` fills the form, the drawer's own button
   * sends it, and the page confirms and shows the new status.
   */
  async function act(page: Page, name: string, fill?: (drawer: Locator) => Promise<void>, expectStatus?: string): Promise<Locator> {
    await openTab(page, '办理');
    await page.getByTestId('case-acts').getByRole('button', { name, exact: true }).click();
    const drawer = await openedDrawer(page, name);
    if (fill) await fill(drawer);
    await drawer.getByRole('button', { name, exact: true }).click();
    await page.getByText(`已办理：${name}`).first().waitFor();
    await drawer.waitFor({ state: 'hidden' });
    if (expectStatus) await waitForStatus(page, expectStatus);
    return drawer;
  }

  /** The acts the page offers now. */
  async function offered(page: Page): Promise<string[]> {
    await openTab(page, '办理');
    await page.getByTestId('case-facts').waitFor();
    const acts = page.getByTestId('case-acts');
    if ((await acts.count()) === 0) return [];
    return (await acts.getByRole('button').allInnerTexts()).map((s) => s.trim());
  }

  async function openTab(page: Page, name: string): Promise<void> {
    await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
  }

  it('an ordinary case goes from 线索 to 归档 through the case page, each act by the officer or the head', async () => {
    const stamp = Date.now().toString(36);
    const partyName = `蒸湘区星辰网吧${stamp}`;
    const officer = await newPage();
    const head = await newPage();
    await login(officer, OFFICER);
    await login(head, HEAD);

    // 线索登记 by the officer, from the case list.
    await officer.getByRole('menuitem', { name: '案件' }).click();
    await officer.waitForURL('**/cases');
    await officer.getByRole('heading', { name: '案件' }).waitFor();
    await officer.getByTestId('case-table').waitFor();
    await officer.getByRole('button', { name: '线索登记' }).click();
    await officer.waitForURL('**/cases/new');
    await officer.getByRole('heading', { name: '线索登记' }).waitFor();
    await choose(officer, officer.getByLabel('执法领域'), '文化市场');
    await choose(officer, officer.getByLabel('案件来源'), '举报投诉');
    await officer.getByLabel('案由').fill('网吧接纳未成年人');
    await officer.getByLabel('线索内容').fill('群众举报：星辰网吧于前晚接纳未成年人上网。');
    const actOn = officer.getByLabel('违法行为发生日期');
    await actOn.click();
    await actOn.fill(chinaDay(-2));
    await actOn.press('Enter');
    await officer.getByLabel('单位名称').fill(partyName);
    await officer.getByLabel('统一社会信用代码').fill('91430408MA4L000001');
    await officer.getByLabel('法定代表人（负责人）').fill('陈某');
    await officer.getByLabel('住所（地址）').fill('衡阳市蒸湘区解放大道 1 号');
    await officer.getByLabel('联系电话').fill('13800000000');
    await screenshot(officer, 'cases-register');
    await officer.getByRole('button', { name: '登记线索' }).click();
    await officer.waitForURL(/\/cases\/[^/]+$/);
    await waitForStatus(officer, '线索');
    const caseUrl = officer.url();
    const parties = officer.getByTestId('case-parties');
    assert.ok(await parties.getByText(partyName).isVisible(), 'the party is in the header');
    assert.ok((await parties.innerText()).includes('法定代表人 陈某'));
    assert.ok(!(await offered(officer)).includes('立案'), 'an officer is not offered 立案 (the head’s act, Art 57)');
    await screenshot(officer, 'cases-detail-clue');

    // 立案 by the head, with two certified handlers.
    await head.goto(caseUrl);
    await waitForStatus(head, '线索');
    assert.ok((await offered(head)).includes('立案'));
    await head.getByTestId('case-acts').getByRole('button', { name: '立案', exact: true }).click();
    const fileDrawer = await openedDrawer(head, '立案');
    const handlers = fileDrawer.getByLabel('承办人');
    await choose(head, handlers, '刘建国', true);
    await choose(head, handlers, '张晓明', true);
    // Officers who may not act are listed with the reason and cannot be chosen (Art 42).
    await handlers.click();
    await handlers.fill('吴海燕');
    const expired = head.locator('.ant-select-item-option:visible').filter({ hasText: '吴海燕' });
    await expired.waitFor();
    assert.match(await expired.innerText(), /已过期/);
    assert.match((await expired.getAttribute('class')) ?? '', /ant-select-item-option-disabled/);
    await handlers.fill('');
    await handlers.press('Escape');
    // 裁量基准: the bureau's entry for the violation and its level (3 minors: 较重), with what the level allows.
    const picker = fileDrawer.getByTestId('benchmark-picker');
    await choose(head, picker.getByLabel('适用的裁量基准'), '文市-网吧-01');
    await picker.getByText(/处罚依据：《互联网上网服务营业场所管理条例》第三十一条/).waitFor();
    await choose(head, picker.getByLabel('裁量等级'), '较重');
    await picker.getByText(/警告、罚款；.*5,000.*10,000/).waitFor();
    await screenshot(head, 'cases-file-drawer');
    await fileDrawer.getByRole('button', { name: '立案', exact: true }).click();
    await head.getByText('已办理：立案').first().waitFor();
    await waitForStatus(head, '调查取证');
    // The filing approval is numbered: its 立字 number is the case number.
    const caseNo = head.getByText(/^案号：/);
    await caseNo.filter({ hasText: /立字/ }).waitFor();
    assert.match(await caseNo.innerText(), /^案号：\S*立字〔\d{4}〕第\d+号$/);
    const team = head.getByTestId('case-handlers');
    assert.match(await team.innerText(), /刘建国 · 执法证号 43040120001/);
    assert.match(await team.innerText(), /张晓明 · 执法证号 43040120002/);

    // 现场检查 by the officer: the handlers are preselected; evidence is linked to the record.
    await officer.reload();
    await waitForStatus(officer, '调查取证');
    await act(officer, '现场检查（勘验）', async (d) => {
      const chosen = await d.locator('.ant-select-selection-item').allInnerTexts();
      assert.ok(chosen.some((c) => c.includes('刘建国')) && chosen.some((c) => c.includes('张晓明')), `the handlers are preselected: ${chosen.join(', ')}`);
      await d.getByLabel('检查情况').fill('执法人员出示执法证件后进行检查，发现 3 名未成年人在上网。');
      await d.getByRole('button', { name: '添加证据' }).click();
      await choose(officer, d.getByLabel('证据 1 的种类'), '现场笔录');
      await d.getByLabel('证据 1 的描述').fill('现场检查笔录一份');
    });
    await openTab(officer, '证据');
    const evidence = officer.getByTestId('case-evidence');
    await evidence.getByText('现场检查笔录一份').waitFor();
    assert.ok(await evidence.getByText('现场检查（勘验）').isVisible(), 'the evidence names the act that recorded it');

    // 调查终结 by the head — from a page that is now stale: the server refuses the old version,
    // the drawer says so and the page reloads; sending again goes through.
    await head.getByTestId('case-acts').getByRole('button', { name: '调查终结', exact: true }).click();
    const closeDrawer = await openedDrawer(head, '调查终结');
    await closeDrawer.getByLabel('调查认定的事实').fill('当事人接纳 3 名未成年人上网，事实清楚。');
    await closeDrawer.getByRole('checkbox', { name: '警告' }).check();
    await closeDrawer.getByRole('checkbox', { name: '罚款' }).check();
    await closeDrawer.getByLabel('罚款金额（元）').fill('5000');
    // The benchmark chosen at 立案 is the proposal's, unless changed here.
    const closePicker = closeDrawer.getByTestId('benchmark-picker');
    assert.match(await closePicker.innerText(), /文市-网吧-01[\s\S]*较重/);
    const reloaded = head.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === new URL(caseUrl).pathname.replace('/cases/', '/api/cases/'));
    await closeDrawer.getByRole('button', { name: '调查终结', exact: true }).click();
    await closeDrawer.getByRole('alert').filter({ hasText: '案件已被他人修改' }).waitFor();
    await reloaded;
    await screenshot(head, 'cases-stale');
    // (By its end: antd may leave the finished spinner's fading icon, and its name, in the button.)
    await closeDrawer.getByRole('button', { name: /调查终结$/ }).click();
    await head.getByText('已办理：调查终结').first().waitFor();
    await closeDrawer.waitFor({ state: 'hidden' });
    await waitForStatus(head, '调查终结');
    // ¥5,000 for an organisation is below the review (¥10,000) and hearing (¥100,000) thresholds.
    assert.equal(await head.getByTestId('review-required').count(), 0, 'no legal review is required');

    // 事先告知 by the officer: the proposal and the facts come from the investigation.
    await officer.reload();
    await waitForStatus(officer, '调查终结');
    await act(
      officer,
      '事先告知',
      async (d) => {
        assert.ok(await d.getByRole('checkbox', { name: '警告' }).isChecked());
        assert.equal(await d.getByLabel('罚款金额（元）').inputValue(), '5000');
        assert.match(await d.getByLabel('违法事实').inputValue(), /接纳 3 名未成年人/);
        await d.getByLabel('理由', { exact: true }).fill('违反《互联网上网服务营业场所管理条例》第二十一条');
        await d.getByLabel('依据', { exact: true }).fill('《互联网上网服务营业场所管理条例》第三十一条');
      },
      '已事先告知',
    );

    // The party waives statement, defence and hearing, so the decision need not wait.
    await act(officer, '陈述申辩复核', async (d) => {
      await d.getByRole('checkbox', { name: '当事人明确放弃陈述、申辩和听证' }).check();
      assert.match(await d.getByLabel('陈述、申辩内容').inputValue(), /放弃/);
    });

    // 作出处罚决定 by the head: the notified penalty and basis are the starting point.
    await head.reload();
    await waitForStatus(head, '已事先告知');
    await act(
      head,
      '作出处罚决定',
      async (d) => {
        assert.equal(await d.getByLabel('罚款金额（元）').inputValue(), '5000');
        assert.match(await d.getByLabel('处罚依据').inputValue(), /第三十一条/);
        await screenshot(head, 'cases-decide-drawer');
      },
      '已决定',
    );

    // 送达, payment of the whole fine, by the officer.
    await officer.reload();
    await waitForStatus(officer, '已决定');
    await act(officer, '送达', async (d) => assert.equal(await d.getByLabel('受送达人').inputValue(), '陈某'), '已送达（执行中）');
    await openTab(officer, '执行');
    assert.equal(await officer.getByTestId('outstanding').innerText(), '¥5,000.00');
    await act(officer, '履行（缴款）', async (d) => {
      assert.equal(await d.getByLabel('缴纳金额').inputValue(), '5000');
      await d.getByLabel('票据号').fill('HN0001');
    });
    await openTab(officer, '执行');
    await officer.getByTestId('outstanding').getByText('¥0.00').waitFor();
    assert.ok(await officer.getByTestId('case-execution').getByText('HN0001').isVisible());

    // 结案 by the head, 归档 by the officer.
    await head.reload();
    await waitForStatus(head, '已送达（执行中）');
    await act(head, '结案', undefined, '已结案');
    await officer.reload();
    await waitForStatus(officer, '已结案');
    await act(officer, '归档', undefined, '已归档');
    assert.deepEqual(await offered(officer), [], 'nothing more to do on an archived case');
    await screenshot(officer, 'cases-archived');

    // The timeline is the ledger: every act once, in order, with its actor.
    await openTab(officer, '时间线');
    const entries = officer.getByTestId('timeline-entry');
    await entries.first().waitFor();
    const texts = await entries.allInnerTexts();
    const order = ['线索登记', '立案', '现场检查（勘验）', '调查终结', '事先告知', '陈述申辩复核', '作出处罚决定', '送达', '履行（缴款）', '结案', '归档'];
    assert.deepEqual(
      texts.map((t) => t.split('\n')[0]!.split(' · ')[0]!.trim()),
      order,
    );
    assert.match(texts[0]!, /办理人：刘建国/);
    assert.match(texts[1]!, /办理人：whzf机关负责人/);
    assert.match(texts[3]!, /警告；罚款 ¥5,000\.00/, 'the proposal is shown in yuan');
    assert.match(texts[8]!, /¥5,000\.00[\s\S]*HN0001/);
    await screenshot(officer, 'cases-timeline');

    // 文书: every document the acts issued, numbered where the kind is, as PDF and DOCX.
    await openTab(officer, '文书');
    const documents = officer.getByTestId('case-documents');
    const decision = documents.getByRole('row').filter({ hasText: '行政处罚决定书' });
    await decision.waitFor();
    assert.match(await decision.innerText(), /罚决字〔\d{4}〕第\d+号/);
    for (const title of ['立案审批表', '现场检查（勘验）笔录', '行政处罚事先告知书', '送达回证', '结案报告']) {
      assert.equal(await documents.getByRole('row').filter({ hasText: title }).count(), 1, `${title} is listed`);
    }
    const pdfHref = await decision.getByRole('link', { name: /^预览/ }).getAttribute('href');
    assert.match(pdfHref ?? '', /^\/api\/documents\/[^/]+\/pdf$/);
    const pdf = await officer.evaluate(async (href) => {
      const res = await fetch(href);
      return { status: res.status, type: res.headers.get('content-type'), head: new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5)) };
    }, pdfHref!);
    assert.deepEqual(pdf, { status: 200, type: 'application/pdf', head: '%PDF-' });
    const [docx] = await Promise.all([officer.waitForEvent('download'), decision.getByRole('button', { name: /DOCX$/ }).click()]);
    assert.match(docx.suggestedFilename(), /\.docx$/);
    await screenshot(officer, 'cases-documents');

    // The list finds it by the party's name, archived.
    await officer.goto(`${suite.server.url}/cases`);
    const search = officer.getByPlaceholder('搜索当事人、案号或案由');
    await search.fill(partyName);
    await search.press('Enter');
    const row = officer.getByTestId('case-table').getByRole('row').filter({ hasText: partyName });
    await row.waitFor();
    assert.ok(await row.getByText('已归档', { exact: true }).isVisible());
    assert.ok(await row.getByText(chinaDay(), { exact: true }).first().isVisible(), 'registered and decided today');
    await screenshot(officer, 'cases-list');
    // 我的案件: the officer is a handler of it.
    await choose(officer, officer.getByLabel('按承办人筛选'), '我的案件');
    await officer.waitForURL(/handler=me/);
    await row.waitFor();
  });

  it('on a phone an officer decides a ¥50 fine on the spot and collects it; an ineligible fine is refused naming Art 51', async () => {
    const page = await phone();
    await login(page, OFFICER);
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('menuitem', { name: '当场处罚' }).click();
    await page.waitForURL('**/cases/on-the-spot');
    await page.getByRole('heading', { name: '当场处罚' }).waitFor();

    await page.getByLabel('案由').fill('网吧未悬挂营业执照');
    await page.getByLabel('地点').fill('星辰网吧');
    await page.getByRole('radio', { name: '自然人' }).check();
    await page.getByLabel('姓名').fill('李某');
    // The officer filling in the form is preselected; the second is chosen.
    const officers = page.getByLabel('执法人员');
    await page.locator('.ant-select-selection-item').filter({ hasText: '刘建国' }).waitFor();
    await choose(page, officers, '张晓明', true);
    await officers.press('Escape');
    await page.getByLabel('违法事实', { exact: true }).fill('未在显著位置悬挂《网络文化经营许可证》');
    await page.getByLabel('处罚依据').fill('《互联网上网服务营业场所管理条例》第三十二条');
    assert.ok(await page.getByRole('checkbox', { name: '罚款' }).isChecked(), 'a fine is the default');
    await page.getByLabel('罚款金额（元）').fill('300');

    // Without the rights told the form does not go.
    await page.getByRole('button', { name: '作出当场处罚决定' }).click();
    await page.getByText('须先告知当事人权利并听取意见').waitFor();
    await page.getByRole('checkbox', { name: /已告知当事人违法事实/ }).check();

    // ¥300 for a person is above Art 51's ¥200: the server refuses, in the law's words.
    await page.getByRole('button', { name: '作出当场处罚决定' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: '不得超过' });
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /当场处罚对公民的罚款不得超过200元[\s\S]*《行政处罚法》第五十一条/);
    await screenshot(page, 'cases-phone-spot-refused');

    await page.getByLabel('罚款金额（元）').fill('50');
    await page.getByRole('switch', { name: '当场收缴' }).click();
    await page.getByText('收缴金额：¥50.00').waitFor();
    await page.getByLabel('专用票据号').fill('R-0050');
    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, inner: window.innerWidth }));
    assert.ok(widths.doc <= 375 + 1, `the form fits the phone: ${JSON.stringify(widths)}`);
    await screenshot(page, 'cases-phone-spot-form');
    await page.getByRole('button', { name: '作出当场处罚决定' }).click();

    await page.getByText('已作出当场处罚决定').waitFor();
    await page.getByText(/^决定书文号：\S*当罚决字〔\d{4}〕第\d+号$/).waitFor();
    const result = page.getByTestId('spot-result');
    assert.match(await result.innerText(), /李某/);
    assert.match(await result.innerText(), /罚款 ¥50\.00/);
    assert.match(await result.innerText(), /¥50\.00（R-0050）/);
    await screenshot(page, 'cases-phone-spot-done');

    await page.getByRole('button', { name: '查看案件' }).click();
    await page.waitForURL(/\/cases\/[^/]+$/);
    await waitForStatus(page, '已送达（执行中）');
    assert.ok(await page.getByText('简易程序', { exact: true }).first().isVisible());
    assert.ok((await offered(page)).includes('当场处罚备案'), 'the on-the-spot penalty is still to be reported');
    await openTab(page, '执行');
    assert.equal(await page.getByTestId('outstanding').innerText(), '¥0.00');
    const detailWidths = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(detailWidths <= 375 + 1, `the case page fits the phone: ${detailWidths}`);
    await screenshot(page, 'cases-phone-detail');

    // The list on a phone: one column for the case, one for its status; no sideways scrolling.
    await page.goto(`${suite.server.url}/cases`);
    const row = page.getByTestId('case-table').getByRole('row').filter({ hasText: '网吧未悬挂营业执照' }).first();
    await row.waitFor();
    assert.ok(await row.getByText('李某').isVisible());
    assert.ok(await row.getByText('已送达（执行中）').isVisible());
    const listWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(listWidth <= 375 + 1, `the list fits the phone: ${listWidth}`);
    await screenshot(page, 'cases-phone-list');
  });

  const clue = (agencyId: string, cause: string, partyName: string, on?: string) => ({
    ...(on ? { on, actOn: on } : {}),
    agencyId,
    field: '文化市场',
    source: 'inspection',
    cause,
    summary: '日常检查发现。',
    parties: [{ kind: 'organisation', name: partyName, idNumber: null, representative: '王某', address: null, phone: null, minor: false }],
  });

  it('the case list reads 20 at a time: 下一页 follows the cursor, 上一页 goes back', async () => {
    const officer = await httpLogin(suite.server.url, OFFICER);
    const agencyId: string = (await call(officer, 'GET', '/api/auth/me')).user.roles[0].agencyId;
    const word = `翻页${Date.now().toString(36)}`;
    for (let i = 1; i <= 21; i++) await call(officer, 'POST', '/api/cases', clue(agencyId, `${word}第${i}件`, `翻页网吧${i}`));

    const page = await newPage();
    await login(page, OFFICER);
    await page.goto(`${suite.server.url}/cases?q=${encodeURIComponent(word)}`);
    const rows = page.getByTestId('case-table').getByRole('row').filter({ has: page.getByRole('cell') });
    // Newest first: the 21st is at the top of page 1, the 1st alone on page 2.
    await rows.filter({ hasText: `${word}第21件` }).waitFor();
    assert.equal(await rows.count(), 20);
    assert.equal(await rows.filter({ hasText: `${word}第1件` }).count(), 0);
    assert.ok(await page.getByRole('button', { name: /上一页/ }).isDisabled());
    await page.getByRole('button', { name: /下一页/ }).click();
    await rows.filter({ hasText: `${word}第1件` }).waitFor();
    assert.equal(await rows.count(), 1);
    assert.ok(await page.getByText('第 2 页').isVisible());
    assert.ok(await page.getByRole('button', { name: /下一页/ }).isDisabled(), 'no page after the last');
    await screenshot(page, 'cases-list-page2');
    await page.getByRole('button', { name: /上一页/ }).click();
    await rows.filter({ hasText: `${word}第21件` }).waitFor();
    assert.equal(await rows.count(), 20);
  });

  it('a case filed 100 days ago without a decision is overdue (Art 60): listed in red on 逾期事项, and on the case', async () => {
    // Set up over the API: registered and filed in the past (acts may carry an earlier date, never a later one).
    const officer = await httpLogin(suite.server.url, OFFICER);
    const head = await httpLogin(suite.server.url, HEAD);
    const agencyId: string = (await call(head, 'GET', '/api/auth/me')).user.roles[0].agencyId;
    const officers: { id: string; name: string }[] = await call(head, 'GET', `/api/officers?agencyId=${agencyId}`);
    const officerId = (name: string) => officers.find((o) => o.name === name)!.id;
    const partyName = `逾期未决网吧${Date.now().toString(36)}`;
    const registered = await call(officer, 'POST', '/api/cases', clue(agencyId, '擅自变更营业场所', partyName, chinaDay(-120)));
    await call(head, 'POST', `/api/cases/${registered.case.id}/file`, { on: chinaDay(-100), handlerIds: [officerId('刘建国'), officerId('张晓明')] }, registered.case.version);

    const page = await newPage();
    await login(page, HEAD);
    await page.getByRole('menuitem', { name: '逾期事项' }).click();
    await page.waitForURL('**/cases/overdue');
    await page.getByRole('heading', { name: '逾期事项' }).waitFor();
    const row = page.getByTestId('overdue-table').getByRole('row').filter({ hasText: partyName });
    await row.waitFor();
    assert.ok(await row.getByText('作出行政处罚决定').isVisible());
    assert.ok(await row.getByText(chinaDay(-10), { exact: true }).isVisible(), 'due 90 days after filing');
    const tag = row.getByText('已逾期', { exact: true });
    assert.equal(await tag.evaluate((el) => getComputedStyle(el).color), 'rgb(207, 19, 34)', 'overdue is red');
    await screenshot(page, 'cases-overdue');

    // The case's own 期限 tab says the same; the list's 逾期 filter finds it.
    await row.getByRole('link', { name: partyName }).click();
    await page.waitForURL(/tab=deadlines/);
    const deadline = page.getByTestId('case-deadlines').getByRole('row').filter({ hasText: '作出行政处罚决定' });
    await deadline.waitFor();
    assert.ok(await deadline.getByText('已逾期', { exact: true }).isVisible());
    assert.ok(await deadline.getByText('《行政处罚法》第六十条').isVisible());
    await screenshot(page, 'cases-deadlines');
    // The overdue list is ordered most overdue first, and says so; the demo holds older overdue cases, so the new one is searched by name.
    await page.goto(`${suite.server.url}/cases?overdue=1`);
    assert.equal(await page.getByTestId('case-list-order').innerText(), '按逾期先后排列：最早到期的在前');
    await page.goto(`${suite.server.url}/cases?overdue=1&q=${encodeURIComponent(partyName)}`);
    await page.getByTestId('case-table').getByRole('row').filter({ hasText: partyName }).waitFor();
    assert.ok(await page.getByRole('checkbox', { name: '仅看有逾期事项的案件' }).isChecked());
  });
});
