/** A Content-Type header, split: the media type lowercased, the charset as sent (quotes and spaces removed). */
export interface ContentType {
  readonly mediaType: string;
  /** undefined when the header has no charset parameter, or an empty one (the body then speaks for itself). */
  readonly charset: string | undefined;
}

export function parseContentType(header: string | undefined): ContentType {
  const [mediaType = '', ...parameters] = (header ?? '').split(';').map((part) => part.trim());
  const charset = parameters.find((parameter) => parameter.toLowerCase().startsWith('charset='))?.slice('charset='.length).replace(/"/g, '').trim();
  return { mediaType: mediaType.toLowerCase(), charset: charset || undefined };
}
