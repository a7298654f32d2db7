import { inject, injectable } from 'inversify';
import type { CreateInfoItem } from '../../../core/get-create-info/Application.js';
import { objectSchema } from '../../json-schema/get-create-info/createInfoJsonSchema.js';
import { CREATE_INFO_ITEM_SHAPE } from '../../../core/get-create-info/createInfoShape.js';
import { GetCreateInfo, type GetCreateInfoQuery } from '../../../core/get-create-info/GetCreateInfo.js';
import type { JsonEndpoint } from '../JsonEndpoint.js';

const criterion = (description: string) => ({ type: ['string', 'null'], maxLength: 64, description });

/** `POST …/createaccount/GetCreateInfo` (seed 001): the customer-service all-in-one look-up. */
@injectable()
export class GetCreateInfoEndpoint implements JsonEndpoint<GetCreateInfoQuery, CreateInfoItem[]> {
  readonly operationId = 'GetCreateInfo';
  readonly summary =
    "Every account-opening application (interrupted or completed) matching all the given idno, phone and seqNo, newest first, with its whole graph";
  readonly path = '/intranet/api/v1.0/createaccount/GetCreateInfo';
  readonly scope = 'createinfo:read' as const;
  readonly errorStyle = 'camelCase' as const;
  readonly requestSchema = {
    type: 'object',
    additionalProperties: false,
    description: 'At least one non-empty criterion; absent or empty ones are not conditions; given ones combine with AND.',
    properties: {
      idno: criterion('身分證字號'),
      phone: criterion('手機號碼'),
      seqNo: criterion('進件序號'),
    },
  };
  readonly responseDataSchema = { type: 'array', items: objectSchema(CREATE_INFO_ITEM_SHAPE, 'response') };
  readonly errorCodes = [];
  readonly example = { idno: 'A123456789' };

  constructor(@inject(GetCreateInfo) private readonly getCreateInfo: GetCreateInfo) {}

  handle(input: GetCreateInfoQuery): Promise<CreateInfoItem[]> {
    return this.getCreateInfo.execute(input);
  }
}
