/** Reply text, at most `maxBytes` of it. */
export interface ReplyExcerpt {
  readonly text: string;
  /** The reply went on past `maxBytes`; it was not read further. */
  readonly truncated: boolean;
}

/** Characters that end a token: a cut inside a token (a phone number's first digits) drops the token. */
const PARTIAL_TOKEN = /[^\s,;:=&<>"'{}[\]()]*$/;

/**
 * Reads a reply's body up to `maxBytes` and then stops: the rest is never read into memory and
 * the stream is cancelled (undici then closes the connection). A token the cut went through is
 * dropped: a phone number cut to seven digits no longer looks like one to the masker.
 */
export async function readReplyExcerpt(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<ReplyExcerpt> {
  if (body === null) return { text: '', truncated: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let finished = false;
  try {
    while (size <= maxBytes) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        break;
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
  }
  const bytes = Buffer.concat(chunks);
  if (finished) return { text: bytes.toString('utf8'), truncated: false };
  // A cut inside a multi-byte character decodes to U+FFFD at the end: drop it, then the cut token.
  const kept = bytes.subarray(0, maxBytes).toString('utf8').replace(/\uFFFD+$/, '').replace(PARTIAL_TOKEN, '');
  return { text: kept, truncated: true };
}
