import type { MidplatConfig } from './MidplatConfig.js';

/** A credential written in its single-value form or as a list; the schema checks each form alone. */
interface CredentialForm {
  readonly section: string;
  readonly items: (config: MidplatConfig) => readonly object[];
  readonly single: string;
  readonly list: string;
}

const FORMS: readonly CredentialForm[] = [
  { section: 'auth.consumers', items: (config) => config.auth.consumers, single: 'tokenSha256', list: 'tokens' },
  { section: 'moneyPlus.partners', items: (config) => config.moneyPlus.partners, single: 'secret', list: 'secrets' },
  { section: 'billing.institutions', items: (config) => config.billing.institutions, single: 'apiKey', list: 'apiKeys' },
];

/**
 * SPEC 2.2.2: each consumer, partner and institution gives its credential in exactly one
 * form. Returns the first violation as `[key, problem]`, or null.
 */
export function findCredentialFormProblem(config: MidplatConfig): [key: string, problem: string] | null {
  for (const form of FORMS) {
    for (const [index, item] of form.items(config).entries()) {
      const where = `${form.section}.${index}`;
      const hasSingle = form.single in item;
      const hasList = form.list in item;
      if (hasSingle && hasList) return [`${where}.${form.list}`, `give ${form.single} or ${form.list}, not both`];
      if (!hasSingle && !hasList) return [where, `needs ${form.single} or ${form.list}`];
    }
  }
  return null;
}
