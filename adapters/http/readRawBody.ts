import type { IncomingMessage } from 'node:http';
import { HttpProblem } from './HttpProblem.js';

/**
 * The request body as bytes, refused with 413 past `limitBytes` (before reading when
 * Content-Length already says so). Decoding is the caller's: JSON is UTF-8, billing may be GBK.
 */
export function readRawBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const tooLarge = () => new HttpProblem(413, 'PAYLOAD_TOO_LARGE', `The request body exceeds ${limitBytes} bytes`);
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) {
        cleanup();
        // Stop buffering but leave the socket open, so the 413 can still be written.
        request.unpipe();
        request.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, received));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new HttpProblem(400, 'BAD_REQUEST', `The request body could not be read: ${error.message}`));
    };
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}
