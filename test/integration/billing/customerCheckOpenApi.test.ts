import { createConfig, lintFromString } from '@redocly/openapi-core';
import { expect } from 'chai';
import { customerCheckOpenApiPaths, customerCheckSecuritySchemes } from '../../../adapters/http/billing/customerCheckOpenApi.js';
import { CUSTOMER_CHECK_PATH } from '../../../adapters/http/billing/CustomerCheckRoute.js';

describe('CustomerCheck OpenAPI path item', () => {
  const paths = customerCheckOpenApiPaths(CUSTOMER_CHECK_PATH);
  const operation = (paths[CUSTOMER_CHECK_PATH] as { post: Record<string, any> }).post;

  it('passes the recommended OpenAPI 3.1 lint rules with its ApiKeyAuth scheme', async () => {
    const document = {
      openapi: '3.1.0',
      info: { title: 'Midplat', version: '1', license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' } },
      servers: [{ url: 'https://midplat.bank.internal' }],
      paths,
      components: { securitySchemes: customerCheckSecuritySchemes },
    };
    const problems = await lintFromString({ source: JSON.stringify(document), config: await createConfig({ extends: ['recommended'] }) });
    expect(problems.map((problem) => `${problem.ruleId}: ${problem.message}`)).to.deep.equal([]);
  });

  it('describes both bodies, the envelope headers, every status and the API key', () => {
    expect(Object.keys(operation.requestBody.content)).to.deep.equal(['application/xml', 'application/json']);
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name)).to.deep.equal(['EncryptType', 'EncryptMode', 'DataType']);
    expect(Object.keys(operation.responses)).to.include.members(['200', '400', '403', '500']);
    expect(Object.keys(operation.responses['200'].headers)).to.include.members(['X-Request-Id', 'X-Response-Time']);
    expect(operation.security).to.deep.equal([{ ApiKeyAuth: [] }]);
    expect(customerCheckSecuritySchemes.ApiKeyAuth).to.include({ type: 'apiKey', in: 'header', name: 'X-Api-Key' });
  });
});
