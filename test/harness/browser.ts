import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/seed.ts';
import { ROOT, startServer } from './process.ts';

/** Debian's Chromium; under CI=true its absence fails the run instead of skipping. */
export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');

/** The console's desktop window. */
export const DESKTOP = { width: 1280, height: 800 };
/** A small phone (375 × 740, touch): what `phone()` opens unless told otherwise. */
export const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true } satisfies BrowserContextOptions;

export function browserUnavailable(): string | false {
  if (fs.existsSync(CHROMIUM)) return false;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing (apt-get install chromium)`);
  return `${CHROMIUM} is not installed (apt-get install chromium fonts-wqy-microhei); browser tests skipped`;
}

/** Headless Chromium with the flags this closed network needs (no background connections). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Saves the whole page as test-artifacts/<name>.png, from the top (a full-page picture of a
 * scrolled page draws the sticky header mid-page), once antd's open/close animations (modals,
 * drawers, menus, messages) have finished — or, with `settle: false`, at once (a failing page).
 */
export async function screenshot(page: Page, name: string, { settle = true } = {}): Promise<string> {
  if (settle) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await animationsDone(page);
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Waits until no finite animation runs (antd's modals zoom in, drawers slide). */
export async function animationsDone(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));
}

/**
 * The dialog of that name once it has finished opening. A click during antd's zoom-in can land
 * where the button is about to be rather than where it is (seen on a loaded machine: the click
 * went to the mask and the dialog stayed open), so buttons in it are pressed only after.
 */
export async function openedDialog(scope: Page | Locator, name: string | RegExp): Promise<Locator> {
  const dialog = scope.getByRole('dialog', { name });
  await dialog.waitFor();
  // rc-motion lays the modal out before its zoom starts: wait for its motion classes to go, then for the animations.
  await dialog.and(dialog.page().locator(':not([class*="zoom-appear"]):not([class*="zoom-enter"])')).waitFor();
  await animationsDone(dialog.page());
  return dialog;
}

/** The drawer of that name once it has finished sliding in: as openedDialog, for antd's drawers (whose motion classes sit on the panel's wrapper). */
export async function openedDrawer(scope: Page | Locator, name: string | RegExp): Promise<Locator> {
  const drawer = scope.getByRole('dialog', { name });
  await drawer.waitFor();
  await drawer.page().locator('.ant-drawer-content-wrapper:not([class*="-enter"]):not([class*="-appear"])', { has: drawer }).waitFor();
  await animationsDone(drawer.page());
  return drawer;
}

/** Logs in through the real login form (demo password) and waits for the console's greeting. */
export async function loginThroughForm(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${baseUrl}/`);
  await page.getByRole('heading', { name: /您好/ }).waitFor();
}

/** A date in China, `days` from today (the server's legal calendar), as YYYY-MM-DD. */
export function chinaDay(days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
}

/** What a browser suite runs against: `sanxiang start` (test/harness/process.ts) or a server of the test's own. */
export interface Served {
  url: string;
  stop(): Promise<void>;
}

export interface BrowserSuiteOptions {
  /** Each page's default timeout for waits and actions (ms); generous because on a 2-core CI machine the browser shares the CPU with the other test files. */
  timeout?: number;
  /** Fills the data directory before the server starts (e.g. records that must be under the checkpoint it signs at start). */
  prepare?: (dataDir: string) => Promise<void>;
  /** Serves the app some other way than `sanxiang start --data-dir <dataDir>` (e.g. in-process, to reach its services). */
  serve?: (dataDir: string) => Promise<Served>;
}

export interface BrowserSuite {
  /** The running server (its `url`), from the suite's `before` on. */
  readonly server: Served;
  readonly browser: Browser;
  /** A temporary directory for this suite, removed at the end; the server's data is in `dataDir` inside it. */
  readonly tmp: string;
  readonly dataDir: string;
  /** A page in a fresh context (its own cookies): zh-CN, the desktop window, the suite's timeout; `options` override. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** The same on a phone: `PHONE` (375 × 740, touch) unless `options` say otherwise. */
  phone(options?: BrowserContextOptions): Promise<Page>;
  /** Logs `page` in through the login form as `username` (demo password). */
  login(page: Page, username: string): Promise<void>;
  /**
   * One API request over HTTP as a logged-in user (headers from `httpLogin`), for setting up what
   * the browser then reads: asserts a 2xx and returns the JSON. `version` is sent as If-Match.
   */
  call(who: Record<string, string>, method: string, url: string, body?: unknown, version?: number): Promise<any>;
}

/**
 * browserSuite registers, in the calling `describe`, the set-up every browser test shares, and
 * returns getters for what it made:
 *
 * - `before`: a temporary directory, the server (`sanxiang start --no-build` on a fresh demo data
 *   directory, unless `options.serve`), one headless Chromium;
 * - `afterEach`: every context the test opened is closed — after a FAILED test, each open page is
 *   first saved as test-artifacts/<name>-failure-<n>-<i>.png (the evidence for the report);
 * - `after`: the browser, the server and the directory go.
 *
 * ```ts
 * describe('…', { skip: browserUnavailable() }, () => {
 *   const suite = browserSuite('cases');
 *   it('…', async () => {
 *     const page = await suite.newPage();      // or suite.phone()
 *     await suite.login(page, 'whzf-officer1');
 *     await page.goto(`${suite.server.url}/cases`);
 *   });
 * });
 * ```
 * Functions may be destructured at once (`const { newPage, login } = suite`); `server`,
 * `browser`, `tmp` and `dataDir` exist only once `before` has run, so read them inside tests.
 */
export function browserSuite(name: string, options: BrowserSuiteOptions = {}): BrowserSuite {
  const timeout = options.timeout ?? 20_000;
  let server: Served | undefined;
  let browser: Browser | undefined;
  let tmp: string | undefined;
  const contexts: BrowserContext[] = [];
  let failures = 0;

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`browserSuite(${name}): ${what} is made in before(); read it inside a test`);
    return value;
  };
  const dataDir = () => path.join(need(tmp, 'tmp'), 'data');

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), `sanxiang-${name}-`));
    await options.prepare?.(dataDir());
    server = options.serve ? await options.serve(dataDir()) : await startServer(['--no-build', '--data-dir', dataDir()]);
    browser = await launchBrowser();
  });
  afterEach(async (t) => {
    const open = contexts.splice(0);
    // TestContext.passed (Node ≥ 20.12) is not in @types/node 20 yet.
    if ((t as { passed?: boolean }).passed === false) {
      failures++;
      const pages = open.flatMap((c) => c.pages());
      for (const [i, p] of pages.entries()) await screenshot(p, `${name}-failure-${failures}-${i}`, { settle: false }).catch(() => {});
    }
    for (const c of open) await c.close().catch(() => {});
  });
  after(async () => {
    for (const c of contexts.splice(0)) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function newPage(overrides: BrowserContextOptions = {}): Promise<Page> {
    const context = await need(browser, 'the browser').newContext({ viewport: DESKTOP, locale: 'zh-CN', ...overrides });
    contexts.push(context);
    context.setDefaultTimeout(timeout);
    return context.newPage();
  }

  return {
    get server() {
      return need(server, 'the server');
    },
    get browser() {
      return need(browser, 'the browser');
    },
    get tmp() {
      return need(tmp, 'tmp');
    },
    get dataDir() {
      return dataDir();
    },
    newPage,
    phone: (overrides = {}) => newPage({ ...PHONE, ...overrides }),
    login: (page, username) => loginThroughForm(page, need(server, 'the server').url, username),
    async call(who, method, url, body, version) {
      const res = await fetch(`${need(server, 'the server').url}${url}`, {
        method,
        headers: { ...who, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(version === undefined ? {} : { 'if-match': `"${version}"` }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      assert.ok(res.ok, `${method} ${url}: ${res.status} ${await res.clone().text()}`);
      return res.json();
    },
  };
}
