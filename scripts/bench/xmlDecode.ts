import { GbkXmlCodec } from '../../adapters/codec/customer-check/GbkXmlCodec.js';
import { readFlatXml } from '../../adapters/codec/customer-check/flatXmlFastPath.js';
import { parseXml } from '../../adapters/codec/customer-check/xml2jsParser.js';
import { decodeStrict } from '../../adapters/codec/customer-check/xmlCharset.js';
import { REQUEST_FIELDS } from '../../core/customer-check/messages.js';
import type { Benchmark, BenchFigure } from './BenchResult.js';
import { bestRoundMicroseconds } from './bestRoundMicroseconds.js';
import { request } from './customerCheck.js';

/**
 * `npm run bench -- xml-decode`: reading the CustomerCheck request of the billing bench in
 * process, no server: the whole decode (fast path), the fast path alone, and the same text
 * through xml2js. Best of a few rounds, in µs per document. Figures only.
 */
const DOCUMENTS = Number(process.env.BENCH_XML_DOCUMENTS ?? 50000);
const ROUNDS = 5;

export const benchmark: Benchmark = {
  name: 'xml-decode',
  description: `GbkXmlCodec.decode of the billing bench's GBK request, in process (${DOCUMENTS} documents × ${ROUNDS} rounds, best round)`,
  async run() {
    const body = request('B001000');
    const text = decodeStrict(body, undefined);
    const codec = new GbkXmlCodec();
    if (readFlatXml(text, 'in', REQUEST_FIELDS) === undefined) throw new Error('the fast path does not read the bench request');
    const figure = (label: string, read: () => unknown): BenchFigure => ({ label, value: bestRoundMicroseconds(read, DOCUMENTS, ROUNDS), unit: 'µs' });
    return {
      name: 'xml-decode',
      figures: [
        figure('GbkXmlCodec.decode (bytes to fields)', () => codec.decode(body, undefined)),
        figure('readFlatXml alone (text to document)', () => readFlatXml(text, 'in', REQUEST_FIELDS)),
        figure('xml2js alone, the fallback (text to document)', () => parseXml(text)),
      ],
      ratios: [],
    };
  },
};
