import { expect } from 'chai';
import { startTestService, type TestService } from '../../support/startTestService.js';

/** How `/docs/` is served: Swagger UI's files from node_modules, read at start, under the console's strict policy. */
describe('API reference serving (e2e)', function () {
  this.timeout(60000);
  let app: TestService;

  before(async () => {
    app = await startTestService('sqlite');
  });
  after(() => app?.stop());

  it('serves the page at /docs/ with a CSP that allows no inline script or style, no eval and nothing from another origin', async () => {
    const response = await fetch(`${app.baseUrl}/docs/`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).to.include("default-src 'none'").and.include("script-src 'self'").and.include("style-src 'self'").and.include("frame-ancestors 'none'");
    expect(csp).not.to.match(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(response.headers.get('x-content-type-options')).to.equal('nosniff');
    const html = await response.text();
    expect(html.match(/<script\b[^>]*>/g)).to.deep.equal(['<script src="swagger-ui-bundle.js" defer>', '<script src="apiReference.js" defer>']);
    expect(html).not.to.match(/\son[a-z]+=|style=|<style|https?:\/\//i);
  });

  it("serves Swagger UI's bundle and stylesheet from node_modules, revalidated by ETag", async () => {
    for (const [file, type] of [['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'], ['swagger-ui.css', 'text/css; charset=utf-8']] as const) {
      const first = await fetch(`${app.baseUrl}/docs/${file}`);
      expect(first.status, file).to.equal(200);
      expect(first.headers.get('content-type'), file).to.equal(type);
      expect((await first.arrayBuffer()).byteLength, file).to.be.greaterThan(10000);
      const again = await fetch(`${app.baseUrl}/docs/${file}`, { headers: { 'If-None-Match': first.headers.get('etag')!, 'Cache-Control': 'max-age=0' } });
      expect(again.status, file).to.equal(304);
    }
  });

  it('redirects /docs to /docs/ and serves nothing else of node_modules or the disk', async () => {
    const redirect = await fetch(`${app.baseUrl}/docs`, { redirect: 'manual' });
    expect(redirect.status).to.equal(301);
    expect(redirect.headers.get('location')).to.equal('/docs/');
    for (const path of ['/docs/index.js', '/docs/swagger-initializer.js', '/docs/swagger-ui-bundle.js.map', '/docs/..%2F..%2Fpackage.json', '/docs/%2e%2e/package.json']) {
      const response = await fetch(`${app.baseUrl}${path}`);
      expect(response.status, path).to.equal(404);
    }
  });
});
