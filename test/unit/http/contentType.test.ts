import { expect } from 'chai';
import { parseContentType } from '../../../adapters/http/contentType.js';

describe('parseContentType', () => {
  it('lowercases the media type and keeps the charset as sent', () => {
    expect(parseContentType('Application/JSON; charset=UTF-8')).to.deep.equal({ mediaType: 'application/json', charset: 'UTF-8' });
  });

  it('takes the charset out of its quotes and spaces, whichever parameter it is', () => {
    expect(parseContentType('text/xml; boundary=x; Charset=" GBK "')).to.deep.equal({ mediaType: 'text/xml', charset: 'GBK' });
  });

  it('has no charset when the header names none or an empty one', () => {
    expect(parseContentType('application/json').charset).to.equal(undefined);
    expect(parseContentType('application/json; charset=""').charset).to.equal(undefined);
    expect(parseContentType(undefined)).to.deep.equal({ mediaType: '', charset: undefined });
  });
});
