import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { browserUnavailable, launchBrowser, screenshot } from '../harness/browser.ts';
import { startServer, type Running } from '../harness/process.ts';

const skip = browserUnavailable();

describe('the started app renders Chinese in a real browser', { skip }, () => {
  let server: Running;
  let browser: Browser;
  before(async () => {
    server = await startServer(['--no-build', '--data-dir', fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-web-'))]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the login page shows the platform name in Chinese', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await page.goto(`${server.url}/login`);
    await page.getByText('行政执法三项制度平台').first().waitFor();
    assert.match(await page.title(), /三项/);
    const html = await page.content();
    assert.match(html, /lang="zh-CN"/);
    assert.ok(await page.getByRole('button', { name: '登录' }).isVisible());
    const file = await screenshot(page, 'smoke-login-zh');
    assert.ok(fs.statSync(file).size > 5000);
  });
});
