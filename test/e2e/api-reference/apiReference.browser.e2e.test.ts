import { expect } from 'chai';
import type { Page } from 'puppeteer-core';
import { launchHeadlessChromium, type HeadlessChromium } from '../../support/HeadlessChromium.js';
import { startTestService, type TestService } from '../../support/startTestService.js';

// The callbacks given to page.evaluate run in the browser; tsconfig has no DOM lib (server code must not use it).
declare const document: any;

/** Generous for a loaded 2-core machine; every wait is for a state, never a fixed sleep. */
const STEP_TIMEOUT_MS = 60000;

/** `GET /docs/` in a real headless Chromium against a real Midplat (SPEC 8): the API reference page. */
describe('API reference page in a browser (e2e)', function () {
  this.timeout(180000);
  let app: TestService;
  let chromium: HeadlessChromium;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];

  before(async () => {
    app = await startTestService('sqlite');
    chromium = await launchHeadlessChromium();
    page = await chromium.browser.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    // Console errors include every Content-Security-Policy violation Chromium reports.
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${app.baseUrl}/docs/`, { waitUntil: 'load' });
    await page.waitForSelector('.opblock-summary-path');
  });
  after(async () => {
    await chromium?.close();
    await app?.stop();
  });

  it('shows every path of /openapi.json', async () => {
    const document_ = (await (await fetch(`${app.baseUrl}/openapi.json`)).json()) as { paths: Record<string, object> };
    const documented = Object.keys(document_.paths).sort();
    expect(documented.length, 'the document has paths').to.be.greaterThan(10);
    const shown = await page.$$eval('.opblock-summary-path', (elements) => elements.map((element) => element.getAttribute('data-path')));
    expect([...new Set(shown)].sort()).to.deep.equal(documented);
    const title = await page.$eval('.info .title', (element) => (element as { textContent: string }).textContent);
    expect(title).to.include(document_.paths && 'Midplat');
  });

  it('logs no console error and breaks no Content-Security-Policy rule', () => {
    expect(problems).to.deep.equal([]);
  });

  it('requests nothing from another origin', async () => {
    const origin = new URL(app.baseUrl).origin;
    const elsewhere = requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
    expect(requests.some((url) => url.endsWith('/openapi.json')), 'the page read /openapi.json').to.equal(true);
    expect(elsewhere).to.deep.equal([]);
    // Images from CSS (data: URLs) and fonts never leave the page either: no @font-face or remote url() is declared.
    const remoteStyles = await page.evaluate(() =>
      [...document.styleSheets].flatMap((sheet: any) => [...sheet.cssRules].map((rule: any) => rule.cssText as string)).filter((text: string) => /url\(\s*["']?(https?:)?\/\//.test(text)),
    );
    expect(remoteStyles).to.deep.equal([]);
  });
});
