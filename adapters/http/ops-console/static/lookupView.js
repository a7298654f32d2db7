import { h, replace } from './dom.js';

/** One-field search that puts its value in the URL (`#kyc?uid=…`), so Back and reload keep the look-up. */
function lookupForm({ id, name, label, value, view }) {
  const input = h('input', { id: `${id}-${name}`, name, value, required: true, autocomplete: 'off', spellcheck: 'false' });
  const form = h('form', { id, class: 'lookup' }, h('label', { for: `${id}-${name}` }, label), input, h('button', { type: 'submit', class: 'primary' }, 'Look up'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const wanted = input.value.trim();
    if (!wanted) return input.focus();
    location.hash = `#${view}?${new URLSearchParams({ [name]: wanted })}`;
  });
  return form;
}

/**
 * Draws a look-up view (heading, form, result area) and answers the value asked for, or
 * undefined (with `hint` shown) when nothing was asked yet.
 */
export function lookupView(container, context, { title, view, name, label, hint }) {
  const value = context.params.get(name) ?? '';
  const result = h('div', { id: `${view}-result`, 'aria-live': 'polite' });
  replace(container, h('h1', {}, title), lookupForm({ id: `${view}-lookup`, name, label, value, view }), result);
  if (!value) result.append(h('p', { class: 'empty' }, hint));
  return { value: value || undefined, result };
}
