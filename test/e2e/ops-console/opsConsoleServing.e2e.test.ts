import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { opsConsoleStaticFolder } from '../../../config/projectRoot.js';
import { rawGet } from '../../support/rawHttp.js';
import { startTestService, type TestService } from '../../support/startTestService.js';

/** How the page's files are served: from the process's own files, with headers that keep a browser strict. */
describe('ops console serving (e2e)', function () {
  this.timeout(60000);
  let app: TestService;

  before(async () => {
    app = await startTestService('sqlite');
  });
  after(() => app?.stop());

  it('serves the page at /ops/ with a CSP that allows no inline script and nothing from another origin', async () => {
    const response = await fetch(`${app.baseUrl}/ops/`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).to.include("default-src 'none'").and.include("script-src 'self'").and.include("connect-src 'self'").and.include("frame-ancestors 'none'");
    expect(csp).not.to.match(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(response.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(response.headers.get('set-cookie')).to.equal(null);
    expect(await response.text()).to.include('<script type="module" src="main.js"></script>');
  });

  it('has the browser revalidate every file (no-cache + ETag) and answers 304 when unchanged', async () => {
    const first = await fetch(`${app.baseUrl}/ops/main.js`);
    expect(first.status).to.equal(200);
    expect(first.headers.get('content-type')).to.equal('text/javascript; charset=utf-8');
    expect(first.headers.get('cache-control')).to.equal('no-cache');
    const etag = first.headers.get('etag');
    expect(etag).to.match(/^"[A-Za-z0-9_-]{27}"$/);
    // As a browser revalidates (fetch() would add `Cache-Control: no-cache` to a conditional request otherwise).
    const again = await fetch(`${app.baseUrl}/ops/main.js`, { headers: { 'If-None-Match': etag!, 'Cache-Control': 'max-age=0' } });
    expect(again.status).to.equal(304);
    expect(await again.text()).to.equal('');
  });

  it('redirects /ops to /ops/ so relative module paths resolve', async () => {
    const response = await fetch(`${app.baseUrl}/ops`, { redirect: 'manual' });
    expect(response.status).to.equal(301);
    expect(response.headers.get('location')).to.equal('/ops/');
  });

  it('serves only the files of its folder: unknown names and paths that climb out get 404', async () => {
    const port = Number(new URL(app.baseUrl).port);
    // Sent as written: fetch would turn every `..` and `%2e%2e` segment into a climb before the server saw it.
    const climbs = ['/ops/../package.json', '/ops/../../../../package.json', '/ops/%2e%2e/package.json', '/ops/%2e%2e/%2e%2e/%2e%2e/%2e%2e/package.json', '/ops/..%2F..%2F..%2F..%2Fpackage.json', '/ops/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json'];
    for (const path of ['/ops/nope.js', ...climbs]) {
      const response = await rawGet(port, path);
      expect(response.status, path).to.equal(404);
      expect(response.text, path).not.to.include('"name": "midplat"');
    }
  });

  it('ships no inline script and never turns API data into HTML', () => {
    const files = readdirSync(opsConsoleStaticFolder);
    const html = readFileSync(join(opsConsoleStaticFolder, 'index.html'), 'utf8');
    expect(html.match(/<script\b[^>]*>/g)).to.deep.equal(['<script type="module" src="main.js">']);
    expect(html).not.to.match(/\son[a-z]+=|style=/i);
    const scripts = files.filter((name) => name.endsWith('.js'));
    expect(scripts.length).to.be.greaterThan(3);
    for (const name of scripts) {
      const source = readFileSync(join(opsConsoleStaticFolder, name), 'utf8');
      expect(source, name).not.to.match(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    }
  });

  it('lists the page in the OpenAPI document', async () => {
    const document = (await (await fetch(`${app.baseUrl}/openapi.json`)).json()) as { paths: Record<string, { get?: { operationId: string } }> };
    expect(document.paths['/ops']?.get?.operationId).to.equal('getOpsConsole');
    expect(document.paths['/ops/{file}']?.get?.operationId).to.equal('getOpsConsoleFile');
  });
});
