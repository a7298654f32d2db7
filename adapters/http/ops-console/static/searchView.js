import { call, withoutEmpty } from './api.js';
import { errorBox, h, replace } from './dom.js';

/* The pieces a filtered, keyset-paged search view (messages, audit) is made of. */

const PAGE_SIZE = 50;

/** The filters in the URL (`#messages?status=FAILED&uid=…`), so a view can be shared and Back works. */
export function filtersOf(params, names) {
  return Object.fromEntries(names.map((name) => [name, params.get(name) ?? '']));
}

/** `<input type="datetime-local">` speaks local time without a zone; the API wants ISO UTC. */
function toIso(local) {
  return local ? new Date(local).toISOString() : '';
}

/** The filters as the API takes them: no empty ones, times in ISO UTC. */
export function searchQuery(filters) {
  return withoutEmpty({ ...filters, from: toIso(filters.from), to: toIso(filters.to) });
}

/**
 * The filter form (`id`, `label`; its controls' ids start with `prefix`): Search puts the chosen values in
 * the URL (`#<view>?…`), Clear drops them. `fields({ field, input, select })` builds the form's fields;
 * `refresh` redraws when the URL would not change.
 */
export function filterForm({ id, label, view, prefix }, filters, refresh, fields) {
  const field = (name, text, control) => h('div', { class: 'field' }, h('label', { for: `${prefix}-${name}` }, text), control);
  const input = (name, attributes = {}) => h('input', { id: `${prefix}-${name}`, name, value: filters[name], autocomplete: 'off', ...attributes });
  const select = (name, values) =>
    h(
      'select',
      { id: `${prefix}-${name}`, name },
      ['', ...values].map((value) => h('option', { value, selected: value === filters[name] }, value || 'any')),
    );
  const form = h(
    'form',
    { class: 'filters', id, 'aria-label': label },
    fields({ field, input, select }),
    h('div', { class: 'field field-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Search'), h('button', { type: 'reset' }, 'Clear')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = withoutEmpty(Object.fromEntries(Object.keys(filters).map((name) => [name, form.elements[name].value.trim()])));
    const query = new URLSearchParams(chosen).toString();
    const target = `#${view}${query ? `?${query}` : ''}`;
    if (location.hash === target) refresh();
    else location.hash = target;
  });
  form.addEventListener('reset', (event) => {
    event.preventDefault();
    location.hash = `#${view}`;
  });
  return form;
}

/**
 * Keyset paging into `results`: the first page of `operation` now, the next one on "Load more"
 * (button `moreId`); `list(rows)` draws every row fetched so far, counted as `noun`s.
 */
export async function pagedResults({ results, context, operation, query, moreId, noun, list }) {
  const rows = [];
  const more = h('button', { type: 'button', id: moreId }, 'Load more');
  let cursor = null;
  const load = async () => {
    more.disabled = true;
    const page = await call(operation, withoutEmpty({ ...query, limit: PAGE_SIZE, cursor }));
    if (!context.isCurrent()) return;
    rows.push(...page.items);
    cursor = page.nextCursor;
    results.removeAttribute('aria-busy');
    replace(
      results,
      h('p', { class: 'muted' }, `${rows.length} ${noun}${rows.length === 1 ? '' : 's'}${cursor ? ' so far' : ''}, newest first.`),
      list(rows),
      cursor ? more : null,
    );
    more.disabled = false;
  };
  more.addEventListener('click', () =>
    load().catch((error) => {
      more.disabled = false;
      results.append(errorBox(error));
    }),
  );
  await load();
}
