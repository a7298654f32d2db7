import { expect } from 'chai';
import { customerCheckOpenApiPaths } from '../../../adapters/http/customer-check/customerCheckOpenApi.js';
import { CUSTOMER_CHECK_PATH } from '../../../adapters/http/customer-check/CustomerCheckRoute.js';
import { buildOpenApiDocument } from '../../../adapters/http/OpenApiDocument.js';
import { lintOpenApi } from '../../support/OpenApiContract.js';

describe('CustomerCheck OpenAPI path item', () => {
  const document = buildOpenApiDocument({
    endpoints: [],
    routes: [{ register: () => undefined, openApiPaths: () => customerCheckOpenApiPaths(CUSTOMER_CHECK_PATH) }],
    version: '0.0.0',
  });
  const operation = document.paths[CUSTOMER_CHECK_PATH].post;

  it('passes the recommended OpenAPI 3.1 lint rules inside the service document', async () => {
    expect(await lintOpenApi(document)).to.deep.equal([]);
  });

  it('describes both bodies, the envelope headers, every status and the API key scheme', () => {
    expect(Object.keys(operation.requestBody.content)).to.deep.equal(['application/xml', 'application/json']);
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name)).to.deep.equal(['EncryptType', 'EncryptMode', 'DataType']);
    expect(Object.keys(operation.responses)).to.include.members(['200', '400', '403', '500']);
    expect(Object.keys(operation.responses['200'].headers)).to.include.members(['X-Request-Id', 'X-Response-Time']);
    expect(operation.security).to.deep.equal([{ ApiKeyAuth: [] }]);
    expect(document.components.securitySchemes.ApiKeyAuth).to.include({ type: 'apiKey', in: 'header', name: 'X-Api-Key' });
  });
});
