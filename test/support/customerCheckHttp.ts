import { TextDecoder } from 'node:util';

export interface BillingResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly bytes: Buffer;
}

/** A raw POST to CustomerCheck: bytes in, bytes out, nothing decoded on the way. */
export async function postBilling(baseUrl: string, body: Uint8Array | string, headers: Record<string, string>): Promise<BillingResponse> {
  const response = await fetch(`${baseUrl}/billing/CustomerCheck`, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

const gbk = new TextDecoder('gbk', { fatal: true });

/** The text of one `<field>` of a GBK `<out>` (undefined when absent), references left as written. */
export function outField(bytes: Uint8Array, field: string): string | undefined {
  return new RegExp(`<${field}>([^<]*)</${field}>`).exec(gbk.decode(bytes))?.[1];
}
