import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Page } from 'puppeteer-core';
import { projectRoot } from '../../../config/projectRoot.js';
import { launchHeadlessChromium, type HeadlessChromium } from '../../support/HeadlessChromium.js';
import { postJson } from '../../support/http.js';
import { startTestService, type TestService } from '../../support/startTestService.js';
import { waitFor } from '../../support/waitFor.js';

// The callbacks given to page.evaluate run in the browser; tsconfig has no DOM lib (server code must not use it).
declare const document: any, window: any, getComputedStyle: any, sessionStorage: any, localStorage: any;
type HTMLElement = any;

const OPS_TOKEN = 'demo-ops-token';
const VIEWER_TOKEN = 'demo-ops-viewer-token';
const FAILING_UID = 'MPFAIL0007';
/** Git-ignored: every run leaves what the browser saw, for a human to look at. */
const SCREENSHOTS = join(projectRoot, 'test', 'e2e', 'ops-console', 'screenshots');
/** Generous for a loaded 2-core machine; every wait is for a state, never a fixed sleep. */
const STEP_TIMEOUT_MS = 30000;
const DELIVERY_TIMEOUT_MS = 60000;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844, isMobile: true };

interface PageWatch {
  readonly page: Page;
  /** Console errors (CSP violations included) and uncaught exceptions. */
  readonly problems: string[];
  /** Every request the page made to the ops API, with the headers it sent. */
  readonly apiRequests: Array<{ url: string; headers: Record<string, string> }>;
  readonly cookiesSet: string[];
}

/**
 * The operations console in a real headless Chromium against a real Midplat with the
 * demo data, its outbox worker and the Money+ simulator (SPEC 8.1).
 */
describe('ops console in a browser (e2e)', function () {
  this.timeout(180000);
  let app: TestService;
  let chromium: HeadlessChromium;
  let failedMessageId: string;

  const api = (path: string, body: object, token = OPS_TOKEN) => postJson(`${app.baseUrl}/ops/api/${path}`, body, { Acstkn: token });

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startTestService('sqlite', {}, { demo: true });
    chromium = await launchHeadlessChromium();
    // The demo's FAILED message for MPFAIL0007 (the Money+ simulator refuses its automatic attempts).
    failedMessageId = await waitFor(
      'the demo FAILED message',
      async () => {
        const { body } = await api('messages/search', { status: 'FAILED', uid: FAILING_UID });
        return (body?.data?.items?.[0]?.id as string | undefined) ?? false;
      },
      STEP_TIMEOUT_MS,
    );
  });
  /** The page of the running test, to show what the browser saw when a test fails. */
  let currentPage: Page | undefined;
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && currentPage) {
      await currentPage.screenshot({ path: join(SCREENSHOTS, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}.png`), fullPage: true }).catch(() => undefined);
    }
    await currentPage?.browserContext().close().catch(() => undefined);
    currentPage = undefined;
  });
  after(async () => {
    await chromium?.close();
    await app?.stop();
  });

  async function openPage(viewport: { width: number; height: number; isMobile?: boolean }): Promise<PageWatch> {
    const context = await chromium.browser.createBrowserContext();
    const page = await context.newPage();
    currentPage = page;
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.setViewport({ ...viewport, hasTouch: viewport.isMobile ?? false });
    const watch: PageWatch = { page, problems: [], apiRequests: [], cookiesSet: [] };
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 40[134]/.test(message.text())) watch.problems.push(message.text());
    });
    page.on('pageerror', (error) => watch.problems.push(String(error)));
    page.on('request', (request) => {
      if (request.url().includes('/ops/api/')) watch.apiRequests.push({ url: request.url(), headers: request.headers() });
    });
    page.on('response', (response) => {
      const cookie = response.headers()['set-cookie'];
      if (cookie) watch.cookiesSet.push(cookie);
    });
    await page.goto(`${app.baseUrl}/ops/`);
    return watch;
  }

  async function signIn({ page }: PageWatch, token: string): Promise<void> {
    await page.waitForSelector('#token');
    await page.type('#token', token);
    await page.click('#sign-in button[type=submit]');
  }

  /** A page signed in with `token`, its overview drawn. */
  async function signedIn(token: string, viewport = DESKTOP): Promise<PageWatch> {
    const watch = await openPage(viewport);
    await signIn(watch, token);
    await watch.page.waitForSelector('.tiles');
    return watch;
  }

  const textOf = (page: Page, selector: string) => page.$eval(selector, (element) => (element as HTMLElement).innerText);
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  it('asks to confirm "Retry all failed" with the count of FAILED messages the filter matches, and Cancel retries nothing (runs before the retry below)', async () => {
    const { body } = await api('messages/retry-failed', { uid: FAILING_UID, dryRun: true });
    const count = body.data.count as number;
    expect(count, 'the demo has a FAILED message').to.be.greaterThan(0);
    const watch = await signedIn(OPS_TOKEN);
    const { page } = watch;
    await page.goto(`${app.baseUrl}/ops/#messages?uid=${FAILING_UID}`);
    await page.waitForSelector('#retry-all-failed');
    const countsBefore = (await api('overview', {})).body.data.counts;
    await page.click('#retry-all-failed');
    await page.waitForSelector('#confirm[open]');
    expect(await textOf(page, '#confirm-text')).to.include(`${count} FAILED message${count === 1 ? '' : 's'} matching these filters will be sent again`);
    expect(await textOf(page, '#confirm-ok')).to.equal(`Retry ${count}`);
    await shot(page, '0-retry-all-confirm');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('confirm-cancel');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#confirm:not([open])');
    expect((await api('overview', {})).body.data.counts).to.deep.equal(countsBefore);
    expect(watch.problems).to.deep.equal([]);
  });

  it('signs in, finds the FAILED demo message, opens its attempts, retries it and sees it delivered', async () => {
    const watch = await signedIn(OPS_TOKEN);
    const { page } = watch;
    await page.waitForSelector('.tiles .tile-failed');
    await page.waitForSelector('figure.chart-figure svg rect, .view p.empty');
    expect(await textOf(page, 'header')).to.include('Signed in as');
    await shot(page, '1-overview');

    await page.click('nav a[data-view=messages]');
    await page.waitForSelector('#message-filters');
    await page.select('#filter-status', 'FAILED');
    await page.type('#filter-uid', FAILING_UID);
    await page.click('#message-filters button[type=submit]');
    const row = `tr[data-message-id="${failedMessageId}"][data-status=FAILED]`;
    await page.waitForSelector(row);
    expect(await page.$$eval('tr[data-message-id]', (rows) => rows.map((each) => (each as HTMLElement).dataset.status))).to.deep.equal(['FAILED']);
    await shot(page, '2-failed-messages');

    await page.click(`${row} a`);
    await page.waitForSelector('#message-status .badge-failed');
    const { body } = await api('messages/get', { id: failedMessageId });
    const attemptsBefore = body.data.attempts.length as number;
    expect(attemptsBefore).to.be.greaterThan(0);
    expect(await page.$$eval('tr[data-attempt]', (rows) => rows.length)).to.equal(attemptsBefore);
    await shot(page, '3-failed-message-attempts');

    await page.click('#retry');
    await page.waitForSelector('#message-status .badge-done', { timeout: DELIVERY_TIMEOUT_MS });
    const attemptRows = await page.$$eval('tr[data-attempt]', (rows) => rows.map((each) => (each as HTMLElement).innerText));
    expect(attemptRows).to.have.length(attemptsBefore + 1);
    expect(attemptRows.at(-1)).to.match(/\b2\d\d\b/);
    expect(await textOf(page, '#notice')).to.equal('Delivered.');
    expect(await page.$('#retry')).to.equal(null);
    await shot(page, '4-delivered');

    const delivered = await api('messages/get', { id: failedMessageId });
    expect(delivered.body.data.message.status).to.equal('DONE');
    expect(watch.problems).to.deep.equal([]);
  });

  it('shows the retry above in the Audit view (who, what, request id), filtered by action and by who, for a read-only token too (runs after the retry)', async () => {
    const { body } = await api('audit/search', { action: 'outbox.retry' }, VIEWER_TOKEN);
    const record = (body.data.items as Array<{ id: number; actor: string; target: string; requestId: string }>).find((each) => each.target.includes(failedMessageId));
    expect(record, 'the retry was audited').to.not.equal(undefined);
    expect(record!.actor).to.equal('ops');
    const watch = await signedIn(VIEWER_TOKEN);
    const { page } = watch;
    await page.click('nav a[data-view=audit]');
    await page.waitForSelector('#audit-filters');
    await page.select('#audit-action', 'outbox.retry');
    await page.type('#audit-actor', 'ops');
    await page.click('#audit-filters button[type=submit]');
    const row = `tr[data-audit-id="${record!.id}"][data-action="outbox.retry"]`;
    await page.waitForSelector(row);
    const text = await textOf(page, row);
    for (const expected of ['ops', 'outbox.retry', failedMessageId, record!.requestId]) expect(text).to.include(expected);
    expect(await page.$$eval('tr[data-action]', (rows) => rows.map((each) => (each as HTMLElement).dataset.action))).to.satisfy((actions: string[]) => actions.every((action) => action === 'outbox.retry'));
    await shot(page, '5-audit');
    await page.goto(`${app.baseUrl}/ops/#audit?actor=nobody`);
    await page.waitForFunction(() => document.querySelector('#audit-results')?.innerText.includes('No actions match these filters.'));
    expect(watch.problems).to.deep.equal([]);
  });

  it('sends the token as Acstkn from sessionStorage and never uses a cookie', async () => {
    const watch = await signedIn(VIEWER_TOKEN);
    const { page } = watch;
    expect(await page.evaluate(() => Object.values(sessionStorage))).to.deep.equal([VIEWER_TOKEN]);
    expect(await page.evaluate(() => Object.keys(localStorage).length)).to.equal(0);
    expect(await page.evaluate(() => document.cookie)).to.equal('');
    expect(watch.cookiesSet).to.deep.equal([]);
    expect(watch.apiRequests.length).to.be.greaterThan(1);
    for (const request of watch.apiRequests) {
      expect(request.headers.acstkn, request.url).to.equal(VIEWER_TOKEN);
      expect(request.headers.cookie, request.url).to.equal(undefined);
    }
    await page.click('#sign-out');
    await page.waitForSelector('#token');
    expect(await page.evaluate(() => sessionStorage.length)).to.equal(0);
    expect(watch.problems).to.deep.equal([]);
  });

  it('refuses an unknown token with a clear error and keeps nothing', async () => {
    const watch = await openPage(DESKTOP);
    await signIn(watch, 'not-a-real-token');
    await watch.page.waitForSelector('#sign-in [role=alert]');
    expect(await textOf(watch.page, '#sign-in [role=alert]')).to.include('not recognised');
    expect(await watch.page.evaluate(() => sessionStorage.length)).to.equal(0);
    expect(await watch.page.$('#nav[hidden]')).not.to.equal(null);
  });

  it('offers no Retry to a read-only token', async () => {
    const watch = await signedIn(VIEWER_TOKEN);
    const { page } = watch;
    expect(await textOf(page, '#who')).to.include('read only');
    const { body } = await api('messages/search', { limit: 1 });
    await page.goto(`${app.baseUrl}/ops/#message/${encodeURIComponent(body.data.items[0].id)}`);
    await page.waitForSelector('#message-status');
    expect(await page.$('#retry')).to.equal(null);
    await page.goto(`${app.baseUrl}/ops/#messages`);
    await page.waitForSelector('#message-results');
    await page.waitForSelector('#message-results[aria-busy]', { hidden: true });
    expect(await page.$('#retry-all-failed')).to.equal(null);
  });

  it('shows personal data masked, as in the logs (member and KYC look-ups)', async () => {
    const watch = await signedIn(OPS_TOKEN);
    const { page } = watch;
    await page.click('nav a[data-view=members]');
    await page.waitForSelector('#members-lookup input');
    await page.type('#members-lookup input', 'M0000000001');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#members-result dl.facts');
    const member = await textOf(page, '#members-result');
    for (const clear of ['王小明', 'A123456789', '0912345678']) expect(member).not.to.include(clear);
    expect(member).to.match(/A12\*+789/);
    await shot(page, '6-member');

    await page.click('nav a[data-view=kyc]');
    await page.waitForSelector('#kyc-lookup input');
    await page.type('#kyc-lookup input', FAILING_UID);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#kyc-result dl.facts');
    const kyc = await textOf(page, '#kyc-result');
    for (const clear of ['Ahmad Faiz bin Rahman', '+60136789012', '10 Jalan Sultan Ismail']) expect(kyc).not.to.include(clear);
    expect(kyc).to.include('MPLUS');

    await page.goto(`${app.baseUrl}/ops/#kyc?uid=NO-SUCH-UID`);
    await page.waitForSelector('[role=alert]');
    expect(await textOf(page, '[role=alert]')).to.include('KYC_PROFILE_NOT_FOUND');
    expect(watch.problems).to.deep.equal([]);
  });

  it('can be used with the keyboard alone: sign in, reach Messages, open a message', async () => {
    const watch = await openPage(DESKTOP);
    const { page } = watch;
    await page.waitForSelector('#token');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('token');
    await page.keyboard.type(OPS_TOKEN);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.tiles');
    await tabTo(page, 'a[data-view="messages"]');
    await page.keyboard.press('Enter');
    // The view first (an absent element also counts as hidden), then its results loaded.
    await page.waitForSelector('#message-results');
    await page.waitForSelector('#message-results[aria-busy]', { hidden: true });
    expect(await page.evaluate(() => document.activeElement?.tagName)).to.equal('H1');
    await tabTo(page, 'tr[data-message-id] a');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#message-status');
    expect(await page.evaluate(() => document.activeElement?.tagName)).to.equal('H1');
    expect(watch.problems).to.deep.equal([]);
  });

  it('fits a 390 px phone: no sideways scrolling, tables become labelled cards', async () => {
    const watch = await signedIn(OPS_TOKEN, PHONE);
    const { page } = watch;
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await fits()).to.be.at.most(390);
    await shot(page, '7-phone-overview');

    await page.goto(`${app.baseUrl}/ops/#messages`);
    await page.waitForSelector('tr[data-message-id]');
    expect(await fits()).to.be.at.most(390);
    const layout = await page.evaluate(() => {
      const cell = document.querySelector('tr[data-message-id] td:nth-child(4)')!;
      const head = document.querySelector('table.cards thead')!.getBoundingClientRect();
      const nav = [...document.querySelectorAll('#nav a')].map((link) => link.getBoundingClientRect());
      return {
        label: getComputedStyle(cell, '::before').content,
        headVisible: head.right > 0 && head.left < window.innerWidth,
        navInside: nav.every((box) => box.left >= 0 && box.right <= window.innerWidth),
        rowWidth: document.querySelector('tr[data-message-id]')!.getBoundingClientRect().width,
      };
    });
    expect(layout).to.deep.include({ label: '"Status"', headVisible: false, navInside: true });
    expect(layout.rowWidth).to.be.at.most(390);
    await shot(page, '8-phone-messages');

    await page.goto(`${app.baseUrl}/ops/#message/${encodeURIComponent(failedMessageId)}`);
    await page.waitForSelector('#message-status');
    expect(await fits()).to.be.at.most(390);
    await shot(page, '9-phone-message');
    expect(watch.problems).to.deep.equal([]);
  });
});

/** Presses Tab until the focused element matches `selector` (at most 40 times). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 40; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((wanted: string) => document.activeElement?.matches(wanted) === true, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}
