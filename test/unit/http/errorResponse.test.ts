import { expect } from 'chai';
import { toErrorReply, UPSTREAM_FAILURE_MESSAGE } from '../../../adapters/http/errorResponse.js';
import { EsbDa21Failed, EsbTimeout } from '../../../core/upgrade-account/errors.js';

describe('toErrorReply', () => {
  it("answers an upstream failure with the fixed 502 message, never the upstream's text, and asks for a log line", () => {
    const reply = toErrorReply(new EsbDa21Failed('RtrnCode 400 (ACCT 12345678 LOCKED)'));
    expect(reply).to.deep.equal({ status: 502, code: 'ESB_DA21_FAILED', message: UPSTREAM_FAILURE_MESSAGE, unexpected: true });
  });

  it('keeps the timeout answer as it is (our own words, no upstream text)', () => {
    expect(toErrorReply(new EsbTimeout(5000))).to.deep.equal({ status: 504, code: 'ESB_TIMEOUT', message: 'ESB DA21 did not answer within 5000 ms', unexpected: false });
  });
});
