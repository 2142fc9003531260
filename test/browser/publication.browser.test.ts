/**
 * 事后公开 end to end in a real browser (issue 8 "Browser tests"; 《行政处罚法》第四十八条; 国办发
 * 〔2018〕118号第六项), each person in their own browser: a case of 衡阳市文化市场综合执法局 against a
 * natural person, whose 决定书 names her ID number and home address and a witness, is brought over
 * the API to the party's waiver; then, through the pages, the agency head decides → the draft is in
 * 公示管理 with the automatic redactions highlighted → the 公示审核员 selects the minors' school in
 * the text and masks it with a reason → submits; she is not offered 审核发布 (four-eyes) → the
 * second 公示审核员 publishes → a citizen on a phone, not logged in, finds it by 寒假, opens it,
 * presses 核验 (pending until a checkpoint covers it; signed; 通过, computed in the browser) → the
 * decision is registered as revoked and withdrawn with a public reason → the same page shows the
 * withdrawal notice and the search no longer finds it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { browserSuite, browserUnavailable, chinaDay, openedDialog, screenshot } from '../harness/browser.ts';
import { httpLogin } from '../harness/process.ts';

const skip = browserUnavailable();

const PARTY = { name: '欧阳明', idNumber: '430408198805121237', address: '衡阳市蒸湘区红湘路 18 号 3 栋 2 单元 501 室', phone: '13973412345' };
const WITNESS = '罗小军';
/** Names the minors' school: not caught by the automatic rules, masked by the editor. */
const SCHOOL = '雁城中学';
/** The 2-character word the citizen searches for (in no demo decision). */
const WORD = '寒假';
const FACTS =
  `经查，当事人${PARTY.name}（身份证号码 ${PARTY.idNumber}，住${PARTY.address}）经营的飞越网吧于${WORD}期间的 2 月 3 日晚` +
  `接纳 3 名${SCHOOL}在读学生（均未满十八周岁）上网，收银员${WITNESS}未核对上网消费者的身份证件。`;
const FINE = { kinds: ['warning', 'fine'], fineFen: 150_000, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' };
const REVOKED = '该行政处罚决定已被衡阳市人民政府行政复议决定撤销。';

describe('事后公开 in a real browser: decide → draft → redact → review → publish → portal 核验 → withdraw', { skip }, () => {
  const suite = browserSuite('publication');
  const { newPage, phone, login, call } = suite;

  /** A case of 执法一科 against PARTY, over the API, to the party's waiver of statement and hearing (as review.browser.test.ts sets up its case). */
  async function caseAwaitingDecision(): Promise<string> {
    const url = suite.server.url;
    const officer = await httpLogin(url, 'whzf-officer1');
    const head = await httpLogin(url, 'whzf-head');
    const agencyId: string = (await call(officer, 'GET', '/api/auth/me')).user.roles[0].agencyId;
    const officers: { id: string; name: string }[] = await call(head, 'GET', `/api/officers?agencyId=${agencyId}`);
    const team = ['刘建国', '张晓明'].map((name) => officers.find((o) => o.name === name)!.id);
    let v = await call(officer, 'POST', '/api/cases', {
      agencyId,
      field: '文化市场',
      source: 'complaint',
      cause: '互联网上网服务营业场所接纳未成年人',
      summary: '群众举报：飞越网吧寒假期间接纳未成年人上网。',
      actOn: chinaDay(-3),
      parties: [{ kind: 'person', name: PARTY.name, idNumber: PARTY.idNumber, representative: null, address: PARTY.address, phone: PARTY.phone, minor: false }],
    });
    const caseId: string = v.case.id;
    const step = async (who: Record<string, string>, act: string, body: unknown) => {
      v = await call(who, 'POST', `/api/cases/${caseId}/${act}`, body, v.case.version);
    };
    await step(head, 'file', { handlerIds: team });
    await step(officer, 'record-inspection', { officerIds: team, place: '飞越网吧', content: '出示执法证件后检查，发现 3 名未成年人在上网。', evidence: [{ kind: '现场笔录', description: '现场检查笔录' }] });
    await step(officer, 'record-questioning', { officerIds: team, person: `${WITNESS}（网吧收银员）`, content: '问：是否核对了上网消费者的身份证件？答：没有。', evidence: [{ kind: '证人证言', description: '询问笔录' }] });
    await step(head, 'close-investigation', { outcome: 'penalise', findings: FACTS, proposedPenalty: FINE });
    await step(officer, 'notify', { servedOn: chinaDay(), proposedPenalty: FINE, facts: FACTS, reasons: '违反《互联网上网服务营业场所管理条例》第二十一条', basis: '《互联网上网服务营业场所管理条例》第三十一条' });
    await step(officer, 'record-statement', { text: '当事人放弃陈述、申辩和听证。', adopted: false, review: '维持拟处罚意见。', waived: true });
    return caseId;
  }

  /** The toast a finished action shows (antd message), apart from tags with the same words. */
  const toast = (page: Page, text: string) => page.locator('.ant-message').getByText(text).first();

  /** Selects `text` in `container` as a reader does: pressing the mouse before its first character and releasing it after its last. */
  async function dragSelect(page: Page, container: Locator, text: string): Promise<void> {
    const at = await container.evaluate((el, wanted) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const i = node.textContent!.indexOf(wanted);
        if (i < 0) continue;
        node.parentElement!.scrollIntoView({ block: 'center' });
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const first = range.getBoundingClientRect();
        range.setStart(node, i + wanted.length - 1);
        range.setEnd(node, i + wanted.length);
        const last = range.getBoundingClientRect();
        return { from: { x: first.left + 1, y: first.top + first.height / 2 }, to: { x: last.right - 1, y: last.top + last.height / 2 } };
      }
      return null;
    }, text);
    assert.ok(at, `${text} is in the text`);
    await page.mouse.move(at.from.x, at.from.y);
    await page.mouse.down();
    await page.mouse.move(at.to.x, at.to.y, { steps: 8 });
    await page.mouse.up();
  }

  /** Opens the item of PARTY from a tab of 公示管理, reached by the menu. */
  async function openFromList(page: Page, tab: string): Promise<void> {
    await page.getByRole('menuitem', { name: '公示管理' }).click();
    await page.waitForURL('**/publicity');
    await page.getByRole('heading', { name: '公示管理' }).waitFor();
    await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
    const row = page.locator('tr.ant-table-row').filter({ hasText: PARTY.name });
    await row.waitFor();
    await row.getByRole('link').click();
    await page.waitForURL(/\/publicity\/[^/]+$/);
    await page.getByRole('heading', { name: /^公示详情：/ }).waitFor();
  }

  /** A reason dialog of the publication page: fills the reason and presses its OK button (antd spaces a 2-character label). */
  async function reasonDialog(page: Page, title: string, label: string, reason: string, ok: string): Promise<void> {
    const dialog = await openedDialog(page, title);
    await dialog.getByLabel(label).fill(reason);
    await dialog.getByRole('button', { name: new RegExp(`^${[...ok].join('\\s*')}$`) }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  it('118号第六项, 《行政处罚法》第四十八条: a decision is redacted, reviewed and published in the console, found and verified on the portal, and withdrawn with a public reason', async () => {
    const caseId = await caseAwaitingDecision();
    const head = await newPage();
    const editor = await newPage();
    const approver = await newPage();
    const citizen = await phone();
    await login(head, 'whzf-head');
    await login(editor, 'whzf-publicity');
    await login(approver, 'whzf-publicity2');

    // ---- 作出处罚决定 by the agency head, on the case page: the notified penalty is the starting point ----
    await head.goto(`${suite.server.url}/cases/${caseId}`);
    await head.getByTestId('case-status').getByText('已事先告知', { exact: true }).waitFor();
    await head.getByRole('tab', { name: /^办理/ }).click();
    await head.getByTestId('case-acts').getByRole('button', { name: '作出处罚决定', exact: true }).click();
    const decide = await openedDialog(head, '作出处罚决定');
    assert.equal(await decide.getByLabel('罚款金额（元）').inputValue(), '1500');
    await decide.getByRole('button', { name: '作出处罚决定', exact: true }).click();
    await head.getByText('已办理：作出处罚决定').first().waitFor();
    await head.getByTestId('case-status').getByText('已决定', { exact: true }).waitFor();

    // ---- the draft in 公示管理 (待编辑), made with the decision: the automatic redactions highlighted ----
    await openFromList(editor, '待编辑');
    assert.match(await editor.getByRole('heading', { name: /^公示详情：/ }).innerText(), /罚决字〔\d{4}〕第\d+号/, 'titled with the decision number');
    const source = editor.getByTestId('publication-source');
    assert.match(await source.innerText(), new RegExp(`当事人：${PARTY.name}`), 'the 决定书 as served');
    const marked = async (kind: string) => source.locator(`mark[data-redaction="${kind}"]`).allInnerTexts();
    const ids = await marked('id-number');
    assert.ok(ids.length >= 2 && ids.every((t) => t === PARTY.idNumber), `the ID number, in the party lines and in the facts: ${ids}`);
    assert.ok((await marked('address')).some((t) => t.includes('红湘路 18 号')), `the home address: ${await marked('address')}`);
    const witnesses = await marked('third-person-name');
    assert.ok(witnesses.length >= 1 && witnesses.every((t) => t === WITNESS), `the witness: ${witnesses}`);
    const autoMark = source.locator('mark[data-redaction="id-number"]').first();
    assert.equal(await autoMark.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(186, 224, 255)', 'automatic redactions are highlighted');
    assert.match((await autoMark.getAttribute('title')) ?? '', /^身份证号码（自动识别）：/);
    const preview = editor.getByTestId('publication-preview');
    for (const hidden of [PARTY.idNumber, WITNESS, '红湘路 18 号']) assert.ok(!(await preview.innerText()).includes(hidden), `the preview hides ${hidden}`);
    assert.ok((await preview.innerText()).includes(SCHOOL), 'the school is not masked automatically');
    await screenshot(editor, 'publication-draft-redactions');

    // ---- the editor masks the school by selecting it in the text, with a reason ----
    await dragSelect(editor, source, SCHOOL);
    await editor.getByText('已选中').locator('mark').filter({ hasText: SCHOOL }).waitFor();
    await editor.getByRole('button', { name: '遮蔽所选文字' }).click();
    await reasonDialog(editor, '增加人工遮蔽', '遮蔽理由', '学校名称可识别未成年人身份', '遮蔽');
    await toast(editor, '已保存').waitFor();
    await source.locator('mark[data-redaction="manual"]').filter({ hasText: SCHOOL }).waitFor();
    const manualRow = editor.locator('tr.ant-table-row').filter({ hasText: '学校名称可识别未成年人身份' });
    assert.match(await manualRow.innerText(), new RegExp(`人工遮蔽[\\s\\S]*${SCHOOL}[\\s\\S]*人工`));
    await editor.getByTestId('publication-preview').filter({ hasNotText: SCHOOL }).waitFor();
    assert.ok((await preview.innerText()).includes(WORD), 'the rest of the facts stays public');
    await screenshot(editor, 'publication-manual-redaction');

    // ---- submitted for review; the editor may not approve her own work (four-eyes) ----
    await editor.getByRole('button', { name: '提交审核' }).click();
    await toast(editor, '已提交审核').waitFor();
    await editor.getByText('编辑、提交公示内容的人员不能审核发布同一内容').waitFor();
    assert.equal(await editor.getByRole('button', { name: '审核发布' }).count(), 0, 'no 审核发布 for the editor');

    // ---- the second 公示审核员 approves: published, version 1 ----
    await openFromList(approver, '待审核');
    await approver.getByRole('button', { name: '审核发布' }).click();
    await toast(approver, '已发布').waitFor();
    const versions = approver.locator('.ant-card').filter({ hasText: '已公开版本' });
    await versions.getByText('第 1 版').waitFor();
    assert.match(await versions.innerText(), new RegExp(chinaDay()));
    await screenshot(approver, 'publication-published');

    // ---- a citizen on a phone, not logged in: finds it by a 2-character word ----
    await citizen.goto(`${suite.server.url}/public`);
    await citizen.getByLabel('关键词').fill(WORD);
    await citizen.getByLabel('关键词').press('Enter');
    await citizen.waitForURL(/\/public\/decisions\?q=/);
    await citizen.getByTestId('result-count').filter({ hasText: '共 1 条' }).waitFor();
    await citizen.getByTestId('decision-card').getByRole('link', { name: PARTY.name }).click();
    await citizen.getByTestId('decision-party').filter({ hasText: PARTY.name }).waitFor();
    const decisionUrl = citizen.url();
    const shown = (await citizen.getByTestId('decision-text').innerText()) + (await citizen.locator('.ant-descriptions').innerText());
    assert.ok(shown.includes(WORD));
    for (const hidden of [PARTY.idNumber, PARTY.phone, '红湘路 18 号', WITNESS, SCHOOL]) assert.ok(!shown.includes(hidden), `the public page hides ${hidden}`);
    assert.ok(await citizen.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no horizontal scroll at 375px');

    // 核验 before any checkpoint covers the publication: it says so, and passes nothing.
    await citizen.getByTestId('verify-button').click();
    await citizen.getByTestId('verify-pending').waitFor();
    // The platform signs a checkpoint (the hourly job's work, asked for now by the platform admin).
    const logs: { log: string; agencyName: string | null }[] = (await (await fetch(`${suite.server.url}/api/public/logs`)).json()).logs;
    const log = logs.find((l) => l.agencyName === '衡阳市文化市场综合执法局')!.log;
    await call(await httpLogin(suite.server.url, 'admin'), 'POST', `/api/logs/${log}/checkpoints`);
    await citizen.getByTestId('verify-button').click();
    const result = citizen.getByTestId('verify-result');
    await result.waitFor();
    assert.match((await result.textContent()) ?? '', /通过/);
    assert.doesNotMatch((await result.textContent()) ?? '', /不通过/);
    for (const step of ['textHash', 'inclusion', 'signature']) {
      assert.equal(await citizen.getByTestId(`verify-step-${step}`).getAttribute('data-ok'), 'true', step);
    }
    await screenshot(citizen, 'publication-portal-verified-phone');

    // ---- the decision is revoked on 复议: registered by the editor, withdrawn with a public reason by the reviewer ----
    await editor.reload();
    await editor.getByRole('button', { name: '登记决定变更／撤销' }).click();
    await reasonDialog(editor, '登记决定被变更、撤销、确认违法或无效', '情况说明', REVOKED, '登记');
    await editor.getByText(/^须于 \d{4}-\d{2}-\d{2} 前撤回并公开说明理由/).waitFor();
    await approver.reload();
    await approver.getByRole('button', { name: /^撤\s*回$/ }).click();
    await reasonDialog(approver, '撤回公开', '撤回理由（将公开）', REVOKED, '撤回');
    await toast(approver, '已撤回').waitFor();
    await approver.getByText(`已于 ${chinaDay()} 撤回，理由：${REVOKED}`).waitFor();
    await screenshot(approver, 'publication-withdrawn-console');

    // ---- the portal: the same page now shows the withdrawal notice, and the search no longer finds it ----
    await citizen.goto(decisionUrl);
    const notice = citizen.getByTestId('withdrawal-notice');
    await notice.waitFor();
    assert.match(await notice.innerText(), /该决定已撤回公示/);
    assert.match(await notice.innerText(), new RegExp(`撤回日期：${chinaDay()}`));
    assert.match(await notice.innerText(), new RegExp(`撤回理由：${REVOKED}`));
    assert.equal(await citizen.getByTestId('decision-text').count(), 0, 'the text is no longer shown');
    await screenshot(citizen, 'publication-portal-withdrawn-phone');
    await citizen.goto(`${suite.server.url}/public/decisions?q=${encodeURIComponent(WORD)}`);
    await citizen.getByTestId('result-count').filter({ hasText: '共 0 条' }).waitFor();
  });
});
