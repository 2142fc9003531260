/**
 * 对外推送 in the staff console, in a real browser: an agency admin sees the delivery log of the
 * feed to the city's unified platform for their own agency — status tags, attempts, the last
 * error, each attempt on expanding a row — and sends a failed item again (重新推送), which is
 * then delivered. The server runs in-process against a local receiver (node:http) that refuses
 * one item with 503.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { browserSuite, browserUnavailable, screenshot } from '../harness/browser.ts';
import { openApp } from '../../src/context.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { enqueueFeed } from '../../src/modules/publicity/feed.service.ts';
import { FeedWorker } from '../../src/modules/publicity/feed.worker.ts';

const skip = browserUnavailable();

describe('outbound feed (对外推送) delivery log in the staff console', { skip }, () => {
  let refuse = true;
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.statusCode = refuse && String(body.subject).startsWith('refused') ? 503 : 200;
      res.end(res.statusCode === 200 ? '{}' : 'maintenance');
    });
  });
  let worker: FeedWorker;

  // In-process, not `sanxiang start`: the test drives the worker itself (drain) between the clicks.
  const suite = browserSuite('feed-web', {
    serve: async (dataDir) => {
      fs.mkdirSync(dataDir, { recursive: true });
      const app = await openApp({ sqlitePath: path.join(dataDir, 'sanxiang.db') }, dataDir);
      await seedDemo(app);
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/feed`;
      worker = new FeedWorker(app, { url, secret: 'browser-test-secret-0123456789', maxAttempts: 1, baseDelayMs: 1000, maxDelayMs: 60_000, timeoutMs: 5000 });
      const agencies = await app.db.selectFrom('agencies').select(['id', 'code']).execute();
      const id = (code: string) => agencies.find((a) => a.code === code)!.id;
      for (const [agency, subject] of [
        ['hy-whzf', 'delivered-1'],
        ['hy-whzf', 'refused-1'],
        ['hy-whzf', 'delivered-2'],
        ['hy-wwj', 'other-agency-1'],
      ] as const) {
        await app.db.transaction().execute((trx) => enqueueFeed(app, trx, { agencyId: id(agency), kind: 'publication.published', subject, payload: { subject } }));
      }
      await worker.drain();
      const server = await buildServer(app);
      await server.listen({ port: 0, host: '127.0.0.1' });
      return {
        url: `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
        async stop() {
          await server.close();
          receiver.closeAllConnections();
          await new Promise<void>((r) => receiver.close(() => r()));
          await app.close();
        },
      };
    },
  });
  const { newPage, phone, login } = suite;

  it('the agency admin sees its own deliveries, the failed one with its 503, and sends it again', async () => {
    const page = await newPage();
    await login(page, 'whzf-admin');
    await page.getByRole('menuitem', { name: '对外推送' }).click();
    await page.waitForURL(`${suite.server.url}/admin/feed`);
    const table = page.getByTestId('feed-table');
    await table.getByText('推送失败').waitFor();
    assert.equal(await table.getByText('已送达').count(), 2);
    assert.equal(await table.getByText('other-agency-1').count(), 0, 'another agency\'s items are not shown');
    const failedRow = table.locator('tr', { hasText: '推送失败' });
    await failedRow.getByText(/HTTP 503/).first().waitFor();
    await failedRow.getByRole('button', { name: /展开|Expand/ }).click();
    await table.getByText('第 1 次').first().waitFor();
    await table.getByText('失败，已放弃').waitFor();
    await screenshot(page, 'feed-log-failed');

    refuse = false;
    await failedRow.getByRole('button', { name: '重新推送' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '重新推送' }).click();
    await page.getByText('已重新排队，稍后自动推送').waitFor();
    await table.getByText('待推送').waitFor();
    assert.equal(await worker.drain(), 1);
    await page.getByRole('button', { name: /刷新/ }).click();
    await table.locator('tr', { hasText: '已送达' }).nth(2).waitFor();
    assert.equal(await table.getByText('推送失败').count(), 0);
  });

  it('works at phone width', async () => {
    const page = await phone({ viewport: { width: 390, height: 844 } });
    await login(page, 'whzf-admin');
    await page.goto(`${suite.server.url}/admin/feed`);
    await page.getByTestId('feed-table').getByText('已送达').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no horizontal scrolling (${overflow}px)`);
    await screenshot(page, 'feed-log-phone');
  });
});
