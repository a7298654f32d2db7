import { expect } from 'chai';
import { toErrorReply, UPSTREAM_FAILURE_MESSAGE } from '../../../adapters/http/errorResponse.js';
import { DatabaseUnavailable } from '../../../core/shared/DatabaseUnavailable.js';
import { AccountLevelGatewayFailed, AccountLevelGatewayTimedOut, AccountLevelGatewayUnavailable } from '../../../core/upgrade-account/errors.js';

describe('toErrorReply', () => {
  it("answers an upstream failure with the fixed 502 message, never the upstream's text, and asks for a log line", () => {
    const reply = toErrorReply(new AccountLevelGatewayFailed('RtrnCode 400 (ACCT 12345678 LOCKED)'));
    expect(reply).to.deep.equal({ status: 502, code: 'ESB_DA21_FAILED', message: UPSTREAM_FAILURE_MESSAGE, unexpected: true });
  });

  it('keeps the timeout answer as it is (our own words, no upstream text)', () => {
    expect(toErrorReply(new AccountLevelGatewayTimedOut(5000))).to.deep.equal({ status: 504, code: 'ESB_TIMEOUT', message: 'ESB DA21 did not answer within 5000 ms', unexpected: false });
  });

  it('answers the database being down with 503 SERVICE_UNAVAILABLE from the kind table, and asks for a log line', () => {
    const reply = toErrorReply(new DatabaseUnavailable({ cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }));
    expect(reply).to.deep.equal({ status: 503, code: 'SERVICE_UNAVAILABLE', message: 'The database is unavailable; try again later', unexpected: true });
  });

  it('answers an open ESB circuit with 503 and no log line (the breaker logged its opening)', () => {
    expect(toErrorReply(new AccountLevelGatewayUnavailable())).to.include({ status: 503, code: 'ESB_UNAVAILABLE', unexpected: false });
  });

  it('answers a raw driver error as an internal error: persistence alone decides what is an outage', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(toErrorReply(refused)).to.deep.equal({ status: 500, code: 'INTERNAL_ERROR', message: 'An internal error occurred', unexpected: true });
  });
});
