// Shared plumbing of the browser tests: Debian's Chromium through playwright-core, a fresh UI build when
// web/ changed, a loopback webhook receiver, and screenshots for docs/screenshots.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startReceiver as startLoopbackReceiver } from '../helpers/receiver.js';
import { startTestServer } from '../helpers/server.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CHROMIUM_PATH = process.env.CARGOLINT_CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = fs.existsSync(CHROMIUM_PATH);
export const SKIP_REASON = `browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`;
if (!HAS_CHROMIUM && process.env.CARGOLINT_REQUIRE_BROWSER === 'true') {
  throw new Error(`CARGOLINT_REQUIRE_BROWSER is set but there is no Chromium at ${CHROMIUM_PATH}`);
}
if (!HAS_CHROMIUM) console.warn(`\n⚠  ${SKIP_REASON}\n`);

const WEB = path.join(ROOT, 'web');
const DIST_INDEX = path.join(WEB, 'dist', 'index.html');
const LOCK = path.join(ROOT, '.tmp', 'web-build.lock');

function newestMtime(p: string): number {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), stat.mtimeMs);
}

function distIsFresh(): boolean {
  if (!fs.existsSync(DIST_INDEX)) return false;
  const built = fs.statSync(DIST_INDEX).mtimeMs;
  const sources = Math.max(newestMtime(path.join(WEB, 'src')), newestMtime(path.join(WEB, 'index.html')), newestMtime(path.join(WEB, 'vite.config.ts')));
  return built >= sources;
}

/** Builds web/dist when it is missing or older than web/src. Test files run in parallel processes: one builds, the rest wait. */
export async function ensureWebBuilt(): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!distIsFresh()) {
    fs.mkdirSync(path.dirname(LOCK), { recursive: true });
    let owner = false;
    try {
      fs.mkdirSync(LOCK);
      owner = true;
    } catch {
      // Another process builds; a lock older than two minutes was left by a crash.
      if (Date.now() - fs.statSync(LOCK, { throwIfNoEntry: false })!.mtimeMs > 120_000) fs.rmSync(LOCK, { recursive: true, force: true });
    }
    if (owner) {
      try {
        if (!distIsFresh()) {
          const result = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
            cwd: ROOT,
            stdio: 'inherit',
            // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
            env: { ...process.env, NODE_ENV: 'production' },
          });
          if (result.status !== 0) throw new Error('vite build of the web UI failed');
        }
      } finally {
        fs.rmSync(LOCK, { recursive: true, force: true });
      }
      return;
    }
    if (Date.now() > deadline) throw new Error('timed out waiting for another process to build web/dist');
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export async function newContext(browser: Browser, baseURL: string, width = 1280, height = 860): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport: { width, height }, deviceScaleFactor: 1, acceptDownloads: true, locale: 'en-GB', timezoneId: 'UTC' });
  context.setDefaultTimeout(15_000);
  return context;
}

/** Fails the test on any uncaught error in the page, which a green assertion could otherwise hide. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

// Every run takes the screenshots (a page that fails to render fails the test); they land in .tmp/ unless asked to
// refresh the ones in docs/: CARGOLINT_SCREENSHOT_DIR=docs/screenshots npx vitest run test/browser
export const SCREENSHOTS = path.resolve(ROOT, process.env.CARGOLINT_SCREENSHOT_DIR ?? '.tmp/screenshots');

export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // Animations and the blinking caret would make every run's image differ; passing toasts would hide the page.
  const style = await page.addStyleTag({ content: '*,*::before,*::after{animation:none!important;transition:none!important;caret-color:transparent!important} .toasts{display:none!important}' });
  // A full-page capture keeps the scroll position, which would draw the sticky sidebar halfway down.
  if (opts.fullPage ?? true) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: opts.fullPage ?? true });
  await style.evaluate((el) => (el as Element).remove());
}

/** The browser tests' endpoint: the suite's loopback receiver, answering like a typical customer endpoint. */
export type Receiver = Awaited<ReturnType<typeof startLoopbackReceiver>>;
export const OK_ANSWER = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"received":true}' };
export const startReceiver = () => startLoopbackReceiver(() => OK_ANSWER);

export async function apiFromPage<T = any>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(async ({ method, path, body }) => {
    const csrf = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('cl_csrf='))?.split('=')[1] ?? '');
    const res = await fetch(`/api/v1${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }, { method, path, body });
}

/** Uploads a small JSON document from inside the page (multipart, as the upload panel does). */
export async function uploadFromPage(page: Page, filename: string, json: unknown): Promise<number> {
  return page.evaluate(async ({ filename, content }) => {
    const csrf = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('cl_csrf='))?.split('=')[1] ?? '');
    const form = new FormData();
    form.append('file', new File([content], filename, { type: 'application/json' }));
    const res = await fetch('/api/v1/documents', { method: 'POST', headers: { 'X-CSRF-Token': csrf }, body: form });
    return res.status;
  }, { filename, content: JSON.stringify(json) });
}

let counter = 0;
export function uniqueEmail(label: string): string {
  return `${label}-${process.pid}-${Date.now()}-${counter++}@example.com`;
}

export const PASSWORD = 'correct horse battery staple';

/** Signs up through the UI and waits for the Documents page. */
export async function signUpThroughUi(page: Page, user: { name: string; email: string; organization: string }): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Your name').fill(user.name);
  await page.getByLabel('Work email').fill(user.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Organization name').fill(user.organization);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();
}

export interface BrowserSession {
  server: Awaited<ReturnType<typeof startTestServer>>;
  receiver: Receiver;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  pageErrors: string[];
}

/** One server, receiver, browser and page per test file, started before its tests and closed after them. */
export function useBrowserSession(env: Record<string, string> = {}): BrowserSession {
  const session = {} as BrowserSession;
  beforeAll(async () => {
    await ensureWebBuilt();
    session.server = await startTestServer(env);
    session.receiver = await startReceiver();
    session.browser = await launchBrowser();
    session.context = await newContext(session.browser, session.server.url);
    session.page = await session.context.newPage();
    session.pageErrors = watchPageErrors(session.page);
  }, 180_000);
  afterAll(async () => {
    await session.context?.close();
    await session.browser?.close();
    await session.receiver?.close();
    await session.server?.close();
  });
  return session;
}
