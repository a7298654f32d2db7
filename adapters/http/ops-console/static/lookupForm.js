import { h } from './dom.js';

/** One-field search that puts its value in the URL (`#kyc?uid=…`), so Back and reload keep the look-up. */
export function lookupForm({ id, name, label, value, view }) {
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
