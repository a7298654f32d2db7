import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { expect } from 'chai';
import { JsonEndpoint } from '../../../adapters/http/JsonEndpoint.js';
import { SimulatedMoneyPlusCallbackClient } from '../../../plugins/money-plus-simulator/SimulatedMoneyPlusCallbackClient.js';
import { postJson } from '../../support/http.js';
import { startTestService, type TestService } from '../../support/startTestService.js';
import { waitFor } from '../../support/waitFor.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const KYC_PATHS = /^\/intranet\/api\/v1\.0\/(kyc|moneyplus)\//;

describe('KYC and Money+ endpoint examples on the demo data (simulator)', () => {
  let midplat: TestService;

  before(async () => {
    midplat = await startTestService('sqlite', { demo: { loadOnStart: true } });
  });

  after(async () => {
    await midplat.stop();
  });

  const endpoints = () => midplat.service.container.getAll<JsonEndpoint>(JsonEndpoint).filter((endpoint) => KYC_PATHS.test(endpoint.path));

  it('serves the four KYC and Money+ endpoints', () => {
    expect(endpoints().map((endpoint) => endpoint.operationId).sort()).to.deep.equal(['KycChanged', 'MoneyPlusEntry', 'MoneyPlusSubscription', 'QueryFieldResult']);
  });

  it('answers each documented example with data matching its documented response schema', async () => {
    const ajv = addFormats(new Ajv({ strict: false }));
    for (const endpoint of endpoints()) {
      // The KYC system posts KycChanged; Money+ (acting for MPLUS) calls the rest.
      const acstkn = endpoint.scope === 'kyc:write' ? 'demo-kyc-token' : 'demo-moneyplus-token';
      const reply = await postJson(`${midplat.baseUrl}${endpoint.path}`, endpoint.example, { acstkn });
      expect(reply.status, `${endpoint.operationId}: ${JSON.stringify(reply.body)}`).to.equal(200);
      const validate = ajv.compile(endpoint.responseDataSchema);
      expect(validate(reply.body.data), `${endpoint.operationId}: ${JSON.stringify(validate.errors)}`).to.equal(true);
    }
  });

  it('delivers the demo approval to the in-process Money+ simulator, signed', async () => {
    const simulator = midplat.service.container.get(SimulatedMoneyPlusCallbackClient);
    const reply = await postJson(
      `${midplat.baseUrl}/intranet/api/v1.0/kyc/KycChanged`,
      { eventId: 'evt-demo-info', uid: '100000001', occurredAt: 1666755300, type: 'INFO', info: { mailingAddress: 'PO Box 88, 50710 Kuala Lumpur' } },
      { acstkn: 'demo-kyc-token' },
    );
    const messageId = reply.body.data.callbacks[0].messageId as string;
    const request = await waitFor('the simulator to receive it', () => simulator.received.find((seen) => seen.headers['webhook-id'] === messageId));
    expect(JSON.parse(request.body).data).to.deep.include({ changed_fields: ['mailing_address'], mailing_address: 'PO Box 88, 50710 Kuala Lumpur' });
  });
});
