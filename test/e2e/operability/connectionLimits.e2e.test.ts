import { expect } from 'chai';
import { rawConversation } from '../../support/rawHttp.js';
import { startTestService, type TestService } from '../../support/startTestService.js';
import { waitFor } from '../../support/waitFor.js';

const UPGRADE = '/intranet/api/v1.0/UpgradeAccount/IVRCheckUpgradeAccount';
const BODY_LIMIT = 4096;
const HEADERS_TIMEOUT_MS = 1000;

/**
 * What one client can hold of a server: after a 413 the connection is closed, not drained;
 * slow headers are cut at http.headersTimeoutMs; connections past http.maxConnections are refused.
 */
describe('connection limits (e2e, MariaDB)', function () {
  this.timeout(30000);
  let test: TestService;
  let port: number;

  before(async () => {
    test = await startTestService('mariadb', { http: { bodyLimitBytes: BODY_LIMIT, headersTimeoutMs: HEADERS_TIMEOUT_MS, maxConnections: 3 } });
    port = Number(new URL(test.baseUrl).port);
  });
  after(async () => {
    await test.stop();
  });

  const cases = [
    { name: 'an intranet JSON API', head: `POST ${UPGRADE} HTTP/1.1\r\nHost: x\r\nAcstkn: demo-ivr-token\r\nContent-Type: application/json\r\n` },
    { name: 'CustomerCheck', head: 'POST /billing/CustomerCheck HTTP/1.1\r\nHost: x\r\nX-Api-Key: demo-billing-api-key-00001\r\nContent-Type: application/xml\r\n' },
  ];
  for (const { name, head } of cases) {
    it(`closes the connection once the 413 is sent when the body declared is too large (${name})`, async () => {
      const conversation = await rawConversation(port);
      try {
        conversation.write(`${head}Content-Length: ${BODY_LIMIT * 100}\r\n\r\n${'x'.repeat(100)}`);
        expect(await conversation.closedByServer(5000)).to.equal(true);
        expect(conversation.received()).to.match(/^HTTP\/1\.1 413 /);
        expect(conversation.received()).to.match(/\r\nconnection: close\r\n/i);
      } finally {
        conversation.destroy();
      }
    });

    it(`closes the connection once the 413 is sent when a chunked body runs past the limit (${name})`, async () => {
      const conversation = await rawConversation(port);
      try {
        const chunk = 'x'.repeat(BODY_LIMIT + 1);
        conversation.write(`${head}Transfer-Encoding: chunked\r\n\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n`);
        expect(await conversation.closedByServer(5000)).to.equal(true);
        expect(conversation.received()).to.match(/^HTTP\/1\.1 413 /);
      } finally {
        conversation.destroy();
      }
    });
  }

  it('cuts a client that has not finished its headers within http.headersTimeoutMs, and not before', async () => {
    // From before the connection: the server counts from the connection on, so no earlier than this.
    const started = performance.now();
    const conversation = await rawConversation(port);
    try {
      conversation.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
      expect(await conversation.closedByServer(8000)).to.equal(true);
      expect(performance.now() - started).to.be.at.least(HEADERS_TIMEOUT_MS);
      expect(conversation.received()).not.to.match(/^HTTP\/1\.1 200/);
    } finally {
      conversation.destroy();
    }
  });

  it('refuses connections beyond http.maxConnections and serves again once one closes', async () => {
    const held = await Promise.all([1, 2, 3].map(() => rawConversation(port)));
    try {
      const extra = await rawConversation(port);
      expect(await extra.closedByServer(5000)).to.equal(true);
      expect(extra.received()).to.equal('');
      held[0]!.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      await held[0]!.until('\r\n\r\n');
      expect(held[0]!.received()).to.match(/^HTTP\/1\.1 200 /);
      held.pop()!.destroy();
      // Served again once the server has seen that connection close (until then it refuses, as above).
      const answer = await waitFor('a connection to be served after one closed', async () => {
        const next = await rawConversation(port);
        try {
          next.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
          await next.closedByServer(5000);
          return next.received() || false;
        } finally {
          next.destroy();
        }
      });
      expect(answer).to.match(/^HTTP\/1\.1 200 /);
    } finally {
      for (const conversation of held) conversation.destroy();
    }
  });
});
