import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { browserSuite, browserUnavailable, screenshot } from '../harness/browser.ts';

const skip = browserUnavailable();

describe('the started app renders Chinese in a real browser', { skip }, () => {
  const suite = browserSuite('web');

  it('the login page shows the platform name in Chinese', async () => {
    const page = await suite.newPage();
    await page.goto(`${suite.server.url}/login`);
    await page.getByText('行政执法三项制度平台').first().waitFor();
    assert.match(await page.title(), /三项/);
    const html = await page.content();
    assert.match(html, /lang="zh-CN"/);
    assert.ok(await page.getByRole('button', { name: '登录' }).isVisible());
    const file = await screenshot(page, 'smoke-login-zh');
    assert.ok(fs.statSync(file).size > 5000);
  });
});
