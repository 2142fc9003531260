/**
 * The citizens' portal in a real browser on a phone, without logging in (issue 8 "The public
 * portal"): search a 2-character word, open a decision, press 核验 and see 通过 — computed in the
 * browser (WebCrypto SHA-256 and Ed25519) from the text on the page against the checkpoint the
 * server signed at start; a character changed on the page makes it 不通过.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { browserSuite, browserUnavailable, screenshot } from '../harness/browser.ts';
import { openApp, storeOptionsFor } from '../../src/context.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { loadAgencies, publish } from '../publicity/portal.fixtures.ts';

const skip = browserUnavailable();

describe('the public portal in a real browser (phone)', { skip }, () => {
  const suite = browserSuite('portal', {
    // The demo bureau plus published decisions on the record; the server signs every log's
    // checkpoint when it starts, so they are verifiable at once.
    prepare: async (dataDir) => {
      const app = await openApp(storeOptionsFor({ databaseUrl: undefined, dataDir, readThreads: 0 }), dataDir);
      try {
        await seedDemo(app);
        await loadAgencies(app);
        await publish(app, [
          { agency: 'hy-whzf', party: '衡阳市蒸湘区星际网吧', cause: '接纳未成年人进入营业场所', facts: '经查，当事人于2026年1月8日接纳未成年人进入网吧上网。', decidedOn: '2026-02-10' },
          { agency: 'hy-whzf', party: '衡阳市雁峰区欢乐文化传播有限公司', cause: '未经批准举办营业性演出', facts: '经查，当事人擅自举办营业性演出。', decidedOn: '2026-02-12' },
        ]);
      } finally {
        await app.close();
      }
    },
  });
  const { phone } = suite;

  it('search 网吧 from the home page, open the decision, 核验 → 通过; a changed character → 不通过', async () => {
    const page = await phone();
    await page.goto(`${suite.server.url}/public`);
    await page.getByRole('heading', { name: '查询行政执法决定' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/public', 'no login needed');

    await page.getByLabel('关键词').fill('网吧');
    await page.getByLabel('关键词').press('Enter');
    await page.waitForURL(/\/public\/decisions\?q=/);
    await page.getByTestId('result-count').filter({ hasText: '共 1 条' }).waitFor();
    const cards = page.getByTestId('decision-card');
    assert.equal(await cards.count(), 1);
    // Nothing scrolls sideways on a phone.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no horizontal scroll at 375px');
    await cards.first().getByRole('link', { name: '衡阳市蒸湘区星际网吧' }).click();

    await page.getByTestId('decision-party').filter({ hasText: '衡阳市蒸湘区星际网吧' }).waitFor();
    assert.match(await page.getByTestId('decision-text').textContent() ?? '', /接纳未成年人进入网吧上网/);
    await page.getByTestId('decision-qr').waitFor();
    await page.getByTestId('verify-button').click();
    const result = page.getByTestId('verify-result');
    await result.waitFor();
    assert.match((await result.textContent()) ?? '', /通过/);
    assert.doesNotMatch((await result.textContent()) ?? '', /不通过/);
    for (const step of ['textHash', 'inclusion', 'signature']) {
      assert.equal(await page.getByTestId(`verify-step-${step}`).getAttribute('data-ok'), 'true', step);
    }
    await screenshot(page, 'portal-verify-phone');

    // What the reader sees is what is verified: change one character on the page.
    await page.evaluate(() => {
      const el = document.getElementById('decision-text')!;
      el.textContent = el.textContent!.replace('网吧', '网咖');
    });
    await page.getByTestId('verify-button').click();
    await page.getByTestId('verify-result').filter({ hasText: '不通过' }).waitFor();
    assert.equal(await page.getByTestId('verify-step-textHash').getAttribute('data-ok'), 'false');
    assert.equal(await page.getByTestId('verify-step-signature').getAttribute('data-ok'), 'true');
  });

  it('the statistics page and the menu work on a phone', async () => {
    const page = await phone();
    await page.goto(`${suite.server.url}/public`);
    await page.getByTestId('portal-nav-statistics').click();
    await page.getByRole('heading', { name: '公示统计' }).waitFor();
    await page.getByTestId('stats-agencies').filter({ hasText: '衡阳市文化市场综合执法局' }).waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no horizontal scroll at 375px');
  });
});
