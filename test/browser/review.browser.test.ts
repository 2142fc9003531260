/**
 * 法制审核 (《行政处罚法》第五十八条) in the staff console, in a real browser, each person in their own
 * browser: a case whose proposal the catalog of 衡阳市文化市场综合执法局 puts in scope (a fine of
 * ¥20,000 for an organisation ≥ the bureau's ¥10,000 line) is set up over the API to 事先告知 and
 * the party's waiver; then the loop of issue 7 through the pages — the officer submits (送审), the
 * head of legal review assigns 王审核 from the inbox with the external legal adviser 周律师
 * co-reviewing, the adviser reads the case and gives a written opinion from its own inbox, the
 * reviewer finds a problem on the checklist with that opinion beside it (after the server refuses
 * an approval that contradicts it), the officer resubmits with the
 * lighter fine the opinion asked for, the reviewer approves, and the agency head records the
 * collective discussion and decides; the rounds, the opinions' documents, the case timeline and
 * the statistics page show it all. Mirrors test/review/reviews.test.ts, on today's date. A second
 * test holds the adviser to the rounds it co-reviews (118号 item 十一): its menu, its inbox, and
 * the refusal of another case's review in the rule's words.
 *
 * The fix between the rounds is a changed proposal, not new evidence: evidence is recorded while
 * investigating (CASE_ACTS 'add-evidence' from ['investigating']), and a review is submitted
 * after the investigation has closed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { browserSuite, browserUnavailable, chinaDay, openedDialog, openedDrawer, screenshot } from '../harness/browser.ts';
import { httpLogin } from '../harness/process.ts';

const skip = browserUnavailable();

const fine = (yuan: number) => ({ kinds: ['warning', 'fine'], fineFen: yuan * 100, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' });

describe('legal review (法制审核) in the staff console', { skip }, () => {
  const suite = browserSuite('review');
  const { newPage, phone, login, call } = suite;

  /**
   * A case of 执法一科 set up over the API to 事先告知 and the party's waiver, its ¥20,000 fine for an
   * organisation inside the bureau's review catalog.
   */
  async function caseAwaitingReview(partyName: string) {
    const url = suite.server.url;
    const apiOfficer = await httpLogin(url, 'whzf-officer1');
    const apiHead = await httpLogin(url, 'whzf-head');
    const agencyId: string = (await call(apiOfficer, 'GET', '/api/auth/me')).user.roles[0].agencyId;
    const agency = (await call(apiHead, 'GET', '/api/agencies')).find((a: { id: string }) => a.id === agencyId);
    const unitId: string = agency.units.find((u: { name: string }) => u.name === '执法一科').id;
    const officers: { id: string; name: string }[] = await call(apiHead, 'GET', `/api/officers?agencyId=${agencyId}`);
    const officerId = (name: string) => officers.find((o) => o.name === name)!.id;
    let v = await call(apiOfficer, 'POST', '/api/cases', {
      agencyId,
      unitId,
      field: '文化市场',
      source: 'inspection',
      cause: '网吧接纳未成年人',
      summary: '日常检查发现接纳未成年人上网。',
      actOn: chinaDay(-3),
      parties: [{ kind: 'organisation', name: partyName, idNumber: '91430408MA4L000002', representative: '王某', address: '衡阳市蒸湘区蒸湘北路 8 号', phone: null, minor: false }],
    });
    const caseId: string = v.case.id;
    const step = async (who: Record<string, string>, name: string, body: unknown) => {
      v = await call(who, 'POST', `/api/cases/${caseId}/${name}`, body, v.case.version);
    };
    await step(apiHead, 'file', { handlerIds: [officerId('刘建国'), officerId('张晓明')] });
    await step(apiOfficer, 'record-inspection', {
      officerIds: [officerId('刘建国'), officerId('张晓明')],
      place: '云端网吧',
      content: '出示执法证件后检查，发现 2 名未成年人上网。',
      evidence: [{ kind: '现场笔录', description: '现场检查笔录' }, { kind: '视听资料', description: '执法记录仪视频' }],
    });
    await step(apiHead, 'close-investigation', { outcome: 'penalise', findings: '当事人接纳 2 名未成年人上网，事实清楚。', proposedPenalty: fine(20_000) });
    await step(apiOfficer, 'notify', { servedOn: chinaDay(), proposedPenalty: fine(20_000), facts: '接纳未成年人上网', reasons: '违反《互联网上网服务营业场所管理条例》第二十一条', basis: '《互联网上网服务营业场所管理条例》第三十一条' });
    await step(apiOfficer, 'record-statement', { text: '当事人放弃陈述、申辩和听证。', adopted: false, review: '维持拟处罚意见。', waived: true });
    return { caseId, agencyId, apiOfficer, apiHead, because: v.reviewRequiredBecause as string[], caseVersion: v.case.version as number };
  }

  /** The menu entries a logged-in page offers. */
  const menuOf = (page: Page) => page.getByRole('menuitem').allInnerTexts();

  async function choose(page: Page, select: Locator, option: string): Promise<void> {
    await select.click();
    await page.locator('.ant-select-item-option:visible').filter({ hasText: option }).first().click();
  }

  const caseStatus = (page: Page) => page.getByTestId('case-status');
  const reviewStatus = (page: Page) => page.getByTestId('review-status');

  async function openTab(page: Page, name: string): Promise<void> {
    await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
  }

  /** One case act through its button and drawer (as in cases.browser.test.ts). */
  async function act(page: Page, name: string, fill?: (drawer: Locator) => Promise<void>, expectStatus?: string): Promise<void> {
    await openTab(page, '办理');
    await page.getByTestId('case-acts').getByRole('button', { name, exact: true }).click();
    const drawer = await openedDrawer(page, name);
    if (fill) await fill(drawer);
    await drawer.getByRole('button', { name, exact: true }).click();
    await page.getByText(`已办理：${name}`).first().waitFor();
    await drawer.waitFor({ state: 'hidden' });
    if (expectStatus) await caseStatus(page).getByText(expectStatus, { exact: true }).waitFor();
  }

  /** 送审 from the case page's review panel. */
  async function submitForReview(page: Page, round: number, fill: (drawer: Locator) => Promise<void>): Promise<void> {
    const panel = page.getByTestId('review-required');
    await panel.getByTestId('submit-review').click();
    const drawer = await openedDrawer(page, '送审');
    await fill(drawer);
    await drawer.getByRole('button', { name: '送审', exact: true }).click();
    await page.getByText(`已送审（第 ${round} 轮）`).first().waitFor();
    await drawer.waitFor({ state: 'hidden' });
    await panel.getByTestId('case-review-status').getByText(`第 ${round} 轮`).waitFor();
  }

  /** The head of legal review assigns 王审核 to the waiting round of the case, from the inbox; with `coReviewer`, that legal adviser co-reviews. */
  async function assignFromInbox(page: Page, partyName: string, round: number, coReviewer?: string): Promise<void> {
    await page.goto(`${suite.server.url}/review`);
    await page.getByRole('heading', { name: '法制审核', exact: true }).waitFor();
    assert.match(await page.getByRole('tab', { selected: true }).innerText(), /^待分配/, 'the head starts on 待分配');
    const row = page.getByTestId('review-table').getByRole('row').filter({ hasText: partyName });
    await row.filter({ hasText: `第 ${round} 轮` }).waitFor();
    await row.getByRole('button', { name: '分配' }).click();
    const dialog = await openedDialog(page, '分配审核人员');
    const reviewer = dialog.getByLabel('审核人员', { exact: true });
    // The head of legal review without a recorded 法律职业资格 is listed, but cannot be chosen (Art 58②).
    await reviewer.click();
    const unqualified = page.locator('.ant-select-item-option:visible').filter({ hasText: '李法制' });
    await unqualified.waitFor();
    assert.match(await unqualified.innerText(), /未登记法律职业资格/);
    assert.match((await unqualified.getAttribute('class')) ?? '', /ant-select-item-option-disabled/);
    await page.locator('.ant-select-item-option:visible').filter({ hasText: '王审核' }).click();
    if (coReviewer) await choose(page, dialog.getByLabel('共同审核的法律顾问（选填）'), coReviewer);
    if (round === 1) await screenshot(page, 'review-assign');
    await dialog.getByRole('button', { name: '分配', exact: true }).click();
    await page.getByText('已分配审核人员：王审核').first().waitFor();
    await dialog.waitFor({ state: 'hidden' });
  }

  /** The reviewer opens the round from their inbox (待审核). */
  async function openFromInbox(page: Page, partyName: string, round: number): Promise<void> {
    await page.goto(`${suite.server.url}/review`);
    await page.getByRole('heading', { name: '法制审核', exact: true }).waitFor();
    assert.match(await page.getByRole('tab', { selected: true }).innerText(), /^待审核/, 'a reviewer starts on 待审核');
    const row = page.getByTestId('review-table').getByRole('row').filter({ hasText: partyName }).filter({ hasText: `第 ${round} 轮` });
    await row.waitFor();
    assert.ok(await row.getByText('审核中').isVisible());
    assert.ok(await row.getByText('王审核').isVisible());
    if (round === 1) await screenshot(page, 'review-inbox-reviewer');
    await row.getByRole('link', { name: partyName }).click();
    await page.waitForURL(/\/review\/[^/]+$/);
    await page.getByTestId('opinion-form').waitFor();
  }

  /** Sends the opinion with one of the two buttons, confirming the dialog. */
  async function sendOpinion(page: Page, outcome: '同意' | '存在问题'): Promise<void> {
    await page.getByTestId('opinion-form').getByRole('button', { name: new RegExp(`${outcome}$`) }).click();
    const confirm = await openedDialog(page, `出具审核意见：${outcome}`);
    await confirm.getByRole('button', { name: '出具', exact: true }).click();
    // The dialog closes when the server has rendered and stored the 法制审核意见书 (PDF + DOCX);
    // under a full parallel test run that can take longer than the default step timeout.
    await confirm.waitFor({ state: 'hidden', timeout: 90_000 });
  }

  const point = (page: Page, n: number) => page.getByTestId(`checklist-point-${n}`);

  /** A document link's PDF, fetched in the page (with the session): it is a PDF. */
  async function pdfOf(page: Page, link: Locator) {
    const href = await link.getAttribute('href');
    assert.match(href ?? '', /^\/api\/documents\/[^/]+\/pdf$/);
    return page.evaluate(async (h) => {
      const res = await fetch(h);
      return { status: res.status, head: new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5)) };
    }, href!);
  }

  it('submit → 存在问题 (with the legal adviser’s co-opinion) → fix → resubmit → 同意 → collective discussion → decide, each step by its own person in the console', async () => {
    // ---- set-up over the API: a case of 执法一科 to 事先告知 and the party's waiver ----
    const partyName = `蒸湘区云端网吧${Date.now().toString(36)}`;
    const { caseId, agencyId, apiHead, because } = await caseAwaitingReview(partyName);
    assert.ok(because.some((b) => /拟罚款20,000元，达到目录标准10,000元/.test(b)), JSON.stringify(because));
    const server = suite.server;
    const caseUrl = `${server.url}/cases/${caseId}`;

    const officer = await newPage();
    const legalHead = await newPage();
    const reviewer = await newPage();
    const head = await newPage();
    const adviser = await newPage();
    await login(officer, 'whzf-officer1');
    await login(legalHead, 'whzf-legalhead');
    await login(reviewer, 'whzf-reviewer1');
    await login(head, 'whzf-head');
    await login(adviser, 'whzf-adviser');

    // ---- 1. 送审 by the officer, from the case page ----
    await officer.goto(caseUrl);
    await caseStatus(officer).getByText('已事先告知', { exact: true }).waitFor();
    const panel = officer.getByTestId('review-required');
    for (const b of because) await panel.getByText(b, { exact: true }).waitFor();
    assert.ok(await panel.getByText(/尚未送审/).isVisible());
    await submitForReview(officer, 1, async (d) => {
      assert.equal(await d.getByLabel('罚款金额（元）').inputValue(), '20000', 'the current proposal is submitted by default');
      await d.getByLabel('送审说明').fill('请审核。');
      await screenshot(officer, 'review-submit-drawer');
    });
    assert.ok(await panel.getByText('已送审', { exact: true }).isVisible());
    assert.equal(await panel.getByTestId('submit-review').count(), 0, 'no second submission while a round is open');
    await screenshot(officer, 'review-case-submitted');

    // ---- 2. the head of legal review assigns 王审核, with 周律师 (法律顾问) co-reviewing (待分配 → 分配) ----
    await legalHead.getByRole('menuitem', { name: /法制审核$/ }).click();
    await legalHead.waitForURL('**/review');
    await assignFromInbox(legalHead, partyName, 1, '周律师');
    await openTab(legalHead, '待审核');
    await legalHead.getByTestId('review-table').getByRole('row').filter({ hasText: partyName }).getByText('王审核').waitFor();
    await screenshot(legalHead, 'review-inbox-head');

    // ---- 2½. the legal adviser (118号 item 十一): its inbox is the round it co-reviews; it reads the case and writes its opinion ----
    assert.deepEqual(await menuOf(adviser), ['工作台', '法制审核'], 'the adviser is offered only what it may use');
    await adviser.getByRole('menuitem', { name: /法制审核$/ }).click();
    await adviser.waitForURL('**/review');
    await adviser.getByText(/指定您作为法律顾问共同审核的案件/).waitFor();
    assert.match(await adviser.getByRole('tab', { selected: true }).innerText(), /^待审核/);
    const adviserRows = adviser.getByTestId('review-table').locator('tbody tr.ant-table-row');
    await adviserRows.filter({ hasText: partyName }).waitFor();
    assert.equal(await adviserRows.count(), 1, 'only the round it co-reviews');
    assert.ok(await adviserRows.getByRole('link', { name: '出具意见' }).isVisible());
    const apiAdviser = await httpLogin(server.url, 'whzf-adviser');
    const adviserId: string = (await call(apiAdviser, 'GET', '/api/auth/me')).user.id;
    const listed: { caseId: string; coReviewerUserId: string }[] = await call(apiAdviser, 'GET', '/api/reviews');
    assert.deepEqual(listed.map((x) => [x.caseId, x.coReviewerUserId]), [[caseId, adviserId]], 'the server lists it nothing else');
    await screenshot(adviser, 'review-inbox-adviser');
    await adviserRows.getByRole('link', { name: partyName }).click();
    await adviser.waitForURL(/\/review\/[^/]+$/);
    const coForm = adviser.getByTestId('co-opinion-form');
    await coForm.waitFor();
    assert.equal(await adviser.getByTestId('opinion-form').count(), 0, 'the opinion itself is the reviewer’s');
    assert.equal(await adviser.getByRole('link', { name: '案件详情' }).count(), 0, 'no link to the case page it may not open');
    assert.equal(await adviser.getByTestId('review-penalty').innerText(), '警告；罚款 ¥20,000.00');
    assert.ok(await adviser.getByTestId('review-materials').getByText('请审核。').isVisible(), 'the submission’s note');
    await adviser.getByRole('tab', { name: '证据' }).click();
    await adviser.getByTestId('case-evidence').getByText('执法记录仪视频').waitFor();
    await coForm.getByRole('button', { name: '提交意见' }).click();
    await coForm.getByText('请填写法律顾问意见').waitFor();
    await coForm.getByLabel('法律顾问意见').fill('当事人系初次违法且已整改，罚款数额偏高，建议依裁量基准从轻处罚。');
    await coForm.getByRole('button', { name: '提交意见' }).click();
    await adviser.getByText('已提交法律顾问意见').first().waitFor();
    await coForm.getByText(`已于 ${chinaDay()} 提交`, { exact: false }).waitFor();
    assert.ok(await coForm.getByRole('button', { name: '修改意见' }).isVisible(), 'it may revise it until the reviewer decides');
    await screenshot(adviser, 'review-workspace-adviser');

    // ---- 3. the reviewer: 存在问题 on 裁量, after the server refuses an approval that contradicts it ----
    await reviewer.getByRole('menuitem', { name: /法制审核$/ }).click();
    await reviewer.waitForURL('**/review');
    await openFromInbox(reviewer, partyName, 1);
    const materials = reviewer.getByTestId('review-materials');
    assert.equal(await reviewer.getByTestId('review-penalty').innerText(), '警告；罚款 ¥20,000.00');
    for (const m of ['调查终结报告', '证据材料清单', '拟作出的行政处罚决定']) assert.ok(await materials.getByText(m, { exact: true }).isVisible(), `${m} is listed`);
    assert.ok(await materials.getByText('请审核。').isVisible(), 'the note is shown');
    await reviewer.getByRole('tab', { name: '证据' }).click();
    await reviewer.getByTestId('case-evidence').getByText('执法记录仪视频').waitFor();
    const coOpinion = reviewer.getByTestId('review-co-opinion');
    assert.match(await coOpinion.innerText(), new RegExp(`法律顾问意见（周律师）[\\s\\S]*周律师 · ${chinaDay()}[\\s\\S]*罚款数额偏高，建议依裁量基准从轻处罚`), 'the reviewer reads who, when and what');
    await point(reviewer, 6).getByText('存在问题', { exact: true }).click();
    await point(reviewer, 6).getByLabel('第 6 项的问题').fill('当事人系初次违法且已整改，罚款数额偏高');
    await reviewer.getByRole('button', { name: '其余各项均合格' }).click();
    assert.ok(await point(reviewer, 1).getByRole('radio', { name: '合格' }).isChecked());
    assert.ok(await point(reviewer, 6).getByRole('radio', { name: '存在问题' }).isChecked(), '“all others” leaves the problem as it is');
    await reviewer.getByLabel('审核意见', { exact: true }).fill('裁量不当，退回承办机构。');
    await sendOpinion(reviewer, '同意');
    const refusal = reviewer.getByRole('alert').filter({ hasText: '审核意见不能为“同意”' });
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /第6项存在问题[\s\S]*《行政处罚法》第五十八条/);
    await screenshot(reviewer, 'review-workspace-refused');
    await reviewer.getByLabel('需补充、纠正的事项').fill('依裁量基准从轻处罚，罚款不超过一万二千元');
    await sendOpinion(reviewer, '存在问题');
    await reviewer.getByText('已出具审核意见：存在问题').first().waitFor();
    await reviewStatus(reviewer).getByText('存在问题（已退回）').waitFor();
    const firstOpinion = reviewer.getByTestId('review-opinion').getByTestId('opinion-document');
    await firstOpinion.waitFor();
    assert.match(await firstOpinion.innerText(), /法制审核意见书 \S*法审字〔\d{4}〕第\d+号/);
    assert.deepEqual(await pdfOf(reviewer, firstOpinion.getByRole('link', { name: /^预览/ })), { status: 200, head: '%PDF-' });
    await screenshot(reviewer, 'review-workspace-returned');
    // The round is decided: the adviser's opinion stands as given, no longer open to revision.
    await adviser.reload();
    await reviewStatus(adviser).getByText('存在问题（已退回）').waitFor();
    await adviser.getByTestId('review-co-opinion').getByTestId('co-opinion-view').getByText(/罚款数额偏高/).waitFor();
    assert.equal(await adviser.getByTestId('co-opinion-form').count(), 0);

    // ---- 3½. the agency head disagrees and takes it to collective discussion (118号 items 十三–十四), from the case page ----
    await head.goto(caseUrl);
    await head.getByTestId('case-review-status').getByRole('link', { name: '查看审核' }).click();
    await head.waitForURL(/\/review\/[^/]+$/);
    await reviewStatus(head).getByText('存在问题（已退回）').waitFor();
    assert.equal(await head.getByTestId('opinion-form').count(), 0, 'the head reads the opinion; only the assigned reviewer gives one');
    assert.match(await head.getByTestId('review-co-opinion').innerText(), /周律师 · \S+[\s\S]*罚款数额偏高/, 'everyone who reads the review reads the adviser’s opinion');
    assert.equal(await head.getByTestId('co-opinion-form').count(), 0);
    await head.getByRole('button', { name: '提请负责人决定／集体讨论' }).click();
    const escalate = await openedDialog(head, /意见分歧/);
    assert.ok(await escalate.getByRole('radio', { name: '提交负责人集体讨论' }).isChecked());
    await escalate.getByLabel('分歧理由').fill('承办机构认为裁量适当，提交集体讨论。');
    await escalate.getByRole('button', { name: '提请', exact: true }).click();
    await head.getByText('已提请：提交负责人集体讨论').first().waitFor();
    await reviewStatus(head).getByText('已提请负责人／集体讨论').waitFor();
    await head.getByText(/whzf机关负责人 提交负责人集体讨论：承办机构认为裁量适当/).first().waitFor();
    await screenshot(head, 'review-workspace-escalated');

    // ---- 4. the officer reads what is asked and resubmits the lighter fine (round 2) ----
    await officer.reload();
    await panel.getByText('已提请负责人／集体讨论').waitFor();
    assert.ok(await panel.getByText(/仍须重新送审/).isVisible());
    assert.ok(await panel.getByText(/罚款不超过一万二千元/).isVisible(), 'the changes required are on the case');
    assert.ok(await panel.getByText(/法制审核意见书 \S*法审字/).isVisible(), 'with the opinion’s document');
    await submitForReview(officer, 2, async (d) => {
      await d.getByLabel('罚款金额（元）').fill('12000');
      await d.getByLabel('送审说明').fill('已按审核意见将罚款调整为一万二千元。');
    });

    // ---- 5. assigned again ----
    await assignFromInbox(legalHead, partyName, 2);

    // ---- 6. the reviewer approves round 2, with round 1 kept beside it ----
    await openFromInbox(reviewer, partyName, 2);
    assert.equal(await reviewer.getByTestId('review-penalty').innerText(), '警告；罚款 ¥12,000.00');
    const previous = reviewer.getByTestId('previous-round');
    await previous.waitFor();
    assert.match(await previous.innerText(), /上一轮（第 1 轮）审核意见：存在问题[\s\S]*罚款不超过一万二千元/);
    const rounds = reviewer.getByTestId('review-rounds');
    await rounds.getByText('第 1 轮').waitFor();
    await rounds.getByText(/存在问题：当事人系初次违法且已整改/).waitFor();
    await reviewer.getByRole('button', { name: '其余各项均合格' }).click();
    await reviewer.getByLabel('审核意见', { exact: true }).fill('事实清楚，证据确凿，适用依据正确，程序合法，裁量适当，同意。');
    await screenshot(reviewer, 'review-workspace-round2');
    await sendOpinion(reviewer, '同意');
    await reviewer.getByText('已出具审核意见：同意').first().waitFor();
    await reviewStatus(reviewer).getByText('同意', { exact: true }).waitFor();
    await reviewer.getByTestId('review-opinion').getByTestId('opinion-document').waitFor();
    await screenshot(reviewer, 'review-workspace-approved');
    // Done, in the reviewer's 已办结: both rounds.
    await reviewer.goto(`${server.url}/review?tab=done`);
    const done = reviewer.getByTestId('review-table').getByRole('row').filter({ hasText: partyName });
    await done.first().waitFor();
    assert.equal(await done.count(), 2);

    // ---- 7. the agency head: the case shows the approval and its opinion; collective discussion; decision ----
    await head.goto(caseUrl);
    await caseStatus(head).getByText('已事先告知', { exact: true }).waitFor();
    const passed = head.getByTestId('case-review-passed');
    await passed.waitFor();
    assert.match(await passed.innerText(), new RegExp(`法制审核已于 ${chinaDay()} 通过（审核人：王审核）`));
    assert.match(await passed.innerText(), /法制审核意见书 \S*法审字/);
    assert.deepEqual(await pdfOf(head, passed.getByRole('link', { name: /^预览/ })), { status: 200, head: '%PDF-' });
    assert.match(await head.getByTestId('case-facts').innerText(), /法制审核已于 \S+ 通过（审核人：王审核）\s*\S*法审字〔\d{4}〕第\d+号/, 'the case record names the review that authorises the decision');
    await screenshot(head, 'review-case-approved');
    await act(head, '集体讨论', async (d) => {
      const participants = d.getByLabel('参加人');
      for (const name of ['局长', '副局长', '法制科长']) {
        await participants.fill(name);
        await participants.press('Enter');
      }
      await d.getByLabel('讨论结论').fill('同意法制审核意见，按审核通过的处罚内容作出决定。');
    });
    await act(
      head,
      '作出处罚决定',
      async (d) => {
        // The decision starts from what passed review, not from the heavier notice.
        await d.getByText(/已按法制审核通过的处罚内容填写：警告；罚款 ¥12,000\.00/).waitFor();
        assert.equal(await d.getByLabel('罚款金额（元）').inputValue(), '12000');
        await screenshot(head, 'review-decide-drawer');
      },
      '已决定',
    );

    // The timeline: every review step on the case, each opinion with its document.
    await openTab(head, '时间线');
    const entries = head.getByTestId('timeline-entry');
    await entries.first().waitFor();
    const names = (await entries.allInnerTexts()).map((x) => x.split('\n')[0]!.split(' · ')[0]!.trim());
    assert.deepEqual(
      names.filter((n) => ['送审', '分配审核人员', '法律顾问出具意见', '出具法制审核意见', '集体讨论', '作出处罚决定'].includes(n)),
      ['送审', '分配审核人员', '法律顾问出具意见', '出具法制审核意见', '送审', '分配审核人员', '出具法制审核意见', '集体讨论', '作出处罚决定'],
    );
    assert.match(await entries.filter({ hasText: '法律顾问出具意见' }).innerText(), /法律顾问\s*周律师[\s\S]*罚款数额偏高/, 'the adviser’s opinion is on the record');
    const opinions = entries.filter({ hasText: '出具法制审核意见' });
    assert.match(await opinions.nth(0).innerText(), /存在问题[\s\S]*6\. 裁量：当事人系初次违法/);
    assert.match(await opinions.nth(1).innerText(), /同意/);
    await screenshot(head, 'review-case-timeline');
    await openTab(head, '文书');
    const opinionDocs = head.getByTestId('case-documents').getByRole('row').filter({ hasText: '法制审核意见书' });
    await opinionDocs.first().waitFor();
    assert.equal(await opinionDocs.count(), 2, 'both opinions are among the documents');
    const decided = await call(apiHead, 'GET', `/api/cases/${caseId}`);
    assert.equal(decided.case.decision.penalty.fineFen, 1_200_000);
    assert.equal(decided.case.review.approvedReviewId, (await call(apiHead, 'GET', `/api/cases/${caseId}/reviews`))[1].id, 'the decision stands on the second round');

    // ---- 8. statistics (the head of legal review): outcomes, problem points, per unit and reviewer; Excel ----
    await legalHead.getByRole('menuitem', { name: '审核统计' }).click();
    await legalHead.waitForURL('**/review/stats');
    const apiLegal = await httpLogin(server.url, 'whzf-legalhead');
    const st = await call(apiLegal, 'GET', `/api/reviews/stats?agencyId=${agencyId}&from=${chinaDay().slice(0, 4)}-01-01&to=${chinaDay()}`);
    assert.ok(st.decided >= 2 && st.byOutcome.problems >= 1 && st.byOutcome.approved >= 1, JSON.stringify(st));
    const stats = legalHead.getByTestId('review-stats');
    await stats.waitFor();
    assert.match(await legalHead.getByTestId('stat-decided').innerText(), new RegExp(`\\b${st.decided}\\b`));
    assert.match(await legalHead.getByTestId('stat-problems').innerText(), new RegExp(`\\b${st.byOutcome.problems}\\b`));
    assert.ok(await legalHead.getByTestId('problem-points').getByText('6. 裁量').isVisible());
    const byReviewer = legalHead.getByTestId('stats-by-reviewer').getByRole('row').filter({ hasText: '王审核' });
    assert.match(await byReviewer.innerText(), /同意 \d+ 件，存在问题 \d+ 件/);
    assert.ok(await legalHead.getByTestId('stats-by-unit').getByText('执法一科').isVisible());
    await screenshot(legalHead, 'review-stats');
    const [download] = await Promise.all([legalHead.waitForEvent('download'), legalHead.getByRole('button', { name: /导出 Excel/ }).click()]);
    assert.equal(download.suggestedFilename(), '法制审核统计.xlsx');

    // ---- 9. on a phone: the reviewer's done list and the workspace fit the screen ----
    const small = await phone();
    await login(small, 'whzf-reviewer1');
    await small.goto(`${server.url}/review?tab=done`);
    const doneRow = small.getByTestId('review-table').getByRole('row').filter({ hasText: partyName }).first();
    await doneRow.waitFor();
    assert.ok((await small.evaluate(() => document.documentElement.scrollWidth)) <= 376, 'the inbox fits the phone');
    await screenshot(small, 'review-phone-inbox');
    await doneRow.getByRole('link', { name: partyName }).click();
    await small.getByTestId('opinion-view').first().waitFor();
    assert.ok((await small.evaluate(() => document.documentElement.scrollWidth)) <= 376, 'the workspace fits the phone');
    await screenshot(small, 'review-phone-workspace');

    // ---- 10. 审核设置: only the head of legal review sets the review time limit, with a reason ----
    assert.equal(await reviewer.getByRole('menuitem', { name: '审核设置' }).count(), 0, 'a reviewer does not set the review settings');
    await legalHead.getByRole('menuitem', { name: '审核设置' }).click();
    await legalHead.waitForURL('**/review/settings');
    const settings = legalHead.getByTestId('review-settings');
    await settings.getByText('尚未设置，当前为默认值').waitFor();
    const days = settings.getByLabel('审核期限');
    assert.equal(await days.inputValue(), '5', 'the default limit is 5 working days');
    assert.ok(await settings.getByRole('checkbox', { name: '审核人员不得属于案件的承办机构' }).isChecked());
    await days.fill('7');
    await settings.getByRole('button', { name: /保\s*存/ }).click();
    await settings.getByText('请填写原因').waitFor();
    await settings.getByLabel('原因').fill('审核任务增加，延长审核期限。');
    await settings.getByRole('button', { name: /保\s*存/ }).click();
    await legalHead.getByText('已保存法制审核设置').first().waitFor();
    await settings.getByText('第 1 次设置').waitFor();
    await screenshot(legalHead, 'review-settings');
    const saved = await call(apiLegal, 'GET', `/api/agencies/${agencyId}/review-settings`);
    assert.deepEqual([saved.version, saved.settings], [1, { reviewDays: 7, reviewerOutsideHandlingUnit: true }]);
  });

  it('118号 item 十一: a legal adviser reads only the rounds it co-reviews — another case’s review is refused in the rule’s words, and its menu offers nothing else', async () => {
    // A round of another case, under review by 赵审核 with no adviser.
    const partyName = `蒸湘区星河网吧${Date.now().toString(36)}`;
    const { caseId, apiOfficer, caseVersion } = await caseAwaitingReview(partyName);
    const url = suite.server.url;
    const apiLegal = await httpLogin(url, 'whzf-legalhead');
    const submitted = await call(apiOfficer, 'POST', `/api/cases/${caseId}/review-submissions`, { note: '请审核。' }, caseVersion);
    const reviewId: string = submitted.review.id;
    const reviewer2: string = (await call(await httpLogin(url, 'whzf-reviewer2'), 'GET', '/api/auth/me')).user.id;
    await call(apiLegal, 'POST', `/api/reviews/${reviewId}/assign`, { reviewerUserId: reviewer2 }, submitted.review.version);

    const adviser = await newPage();
    await login(adviser, 'whzf-adviser');
    assert.deepEqual(await menuOf(adviser), ['工作台', '法制审核'], 'no cases, statistics, catalog or settings: it could use none of them');

    // Not in its inbox, whichever tab.
    for (const tab of ['todo', 'overdue', 'done']) {
      await adviser.goto(`${url}/review?tab=${tab}`);
      await adviser.getByTestId('review-table').locator('.ant-table-tbody').waitFor();
      await adviser.getByTestId('review-table').locator('.ant-spin-spinning').waitFor({ state: 'detached' });
      assert.equal(await adviser.getByTestId('review-table').getByRole('row').filter({ hasText: partyName }).count(), 0, `${tab}: not listed`);
    }

    // Its workspace, opened by address: refused, saying which rule, with the way back to its inbox.
    await adviser.goto(`${url}/review/${reviewId}`);
    const refused = adviser.getByTestId('review-refused');
    await refused.waitFor();
    assert.match(await refused.innerText(), /本案未指定您共同审核：法律顾问只能查阅指定其共同审核的案件（.*118号）第十一项）/);
    assert.equal(await adviser.getByText(partyName).count(), 0, 'nothing of the case is shown');
    await adviser.getByText('指定您共同审核的案件，请从“法制审核”待办中打开。').waitFor();
    await screenshot(adviser, 'review-adviser-refused');
    await adviser.getByRole('button', { name: /审核待办$/ }).click();
    await adviser.waitForURL(`${url}/review`);

    // The case page is not the adviser's at all.
    await adviser.goto(`${url}/cases/${caseId}`);
    await adviser.getByText('无权访问', { exact: true }).waitFor();
    assert.equal(await adviser.getByText(partyName).count(), 0);
  });
});
