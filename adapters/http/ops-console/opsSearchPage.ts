/** The page size a search answers when the caller names none. */
const DEFAULT_LIMIT = 50;

/** The request of a keyset-paged ops search: its `filters`, a page size and `cursor` (the shape of the list's key). */
export function searchRequestSchema(filters: Record<string, object>, cursor: object): object {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...filters,
      limit: { type: 'integer', minimum: 1, maximum: 200, description: `Page size (default ${DEFAULT_LIMIT})` },
      cursor: { ...cursor, description: 'The nextCursor of the previous page' },
    },
  };
}

/** The answer of a keyset-paged ops search: one page of `item`s and the cursor of the next. */
export function searchPageSchema(item: object, cursorType: 'string' | 'integer'): object {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['items', 'nextCursor'],
    properties: {
      items: { type: 'array', items: item },
      nextCursor: { type: [cursorType, 'null'], description: 'Pass back as cursor for the next page; null on the last page' },
    },
  };
}

/** The page a request asks for: its limit (or the default) and, after the first page, its cursor. */
export function pageOf<Cursor>(input: { readonly limit?: number; readonly cursor?: Cursor }): { limit: number; cursor?: Cursor } {
  return { limit: input.limit ?? DEFAULT_LIMIT, ...(input.cursor === undefined ? {} : { cursor: input.cursor }) };
}
