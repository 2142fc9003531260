/**
 * 事前公开的历史版本 in a real browser (issue 8 "every version kept and publicly viewable as
 * history"): a citizen with no login, on a phone, opens the 执法人员 list of 衡阳市文化市场综合执法局,
 * switches to 历史版本 and sees the certificate of 郑伟 suspended — without the reason recorded for
 * it (国办发〔2018〕118号第四项: name, unit, post, 执法种类, certificate number, status only) —
 * and reads the list as it stood on a given day.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { browserSuite, browserUnavailable, chinaDay, screenshot } from '../harness/browser.ts';

const skip = browserUnavailable();

describe('事前公开的历史版本: the staff list’s version history and the list on a past date', { skip }, () => {
  const suite = browserSuite('disclosure-history');

  it('the staff list’s 历史版本 shows a suspension with the public fields only; a date shows the list of that day', async () => {
    const agencies = (await (await fetch(`${suite.server.url}/api/public/agencies`)).json()) as { id: string; name: string }[];
    const whzf = agencies.find((a) => a.name === '衡阳市文化市场综合执法局')!.id;
    const citizen = await suite.phone();
    await citizen.goto(`${suite.server.url}/public/disclosures?agency=${whzf}&tab=staff`);
    await citizen.getByTestId('disclosure-staff').getByText('郑伟').waitFor();

    await citizen.getByTestId('list-history-tab').click();
    const suspension = citizen.getByTestId('list-change').filter({ hasText: '郑伟' }).filter({ hasText: '暂扣执法证' });
    await suspension.first().waitFor();
    assert.match(await suspension.first().innerText(), /43040120006[\s\S]*证件状态：有效 → 已暂扣/u);
    const text = await citizen.getByTestId('list-history').innerText();
    assert.ok(!text.includes('涉嫌违规执法'), 'the reason recorded for the suspension is not public');
    await screenshot(citizen, 'disclosure-history-staff-phone');

    await citizen.goto(`${suite.server.url}/public/disclosures?agency=${whzf}&tab=staff&on=${chinaDay()}`);
    await citizen.getByTestId('list-as-of').getByText(chinaDay()).waitFor();
    await citizen.getByTestId('disclosure-staff').getByText('郑伟').waitFor();
  });
});
