/** XML 1.0's five predefined entities: the only named references a CustomerCheck body may use. */
export const XML_PREDEFINED_ENTITIES: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }),
);
