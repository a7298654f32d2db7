/**
 * A tiny element builder. Data only ever goes in as text (textContent / attributes), never as
 * HTML, so nothing an API returns can inject markup.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  applyAttributes(element, attributes);
  append(element, children);
  return element;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  applyAttributes(element, attributes);
  append(element, children);
  return element;
}

function applyAttributes(element, attributes) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside `element`. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** `2026-12-05 12:20:12` in the operator's local time; the exact UTC instant in the tooltip. */
export function time(iso) {
  if (iso === null || iso === undefined) return h('span', { class: 'muted' }, '—');
  const date = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  const text = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return h('time', { datetime: iso, title: iso }, text);
}

export function statusBadge(status) {
  return h('span', { class: `badge badge-${String(status).toLowerCase()}` }, status);
}

/** A two-column list of label → value. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.map(([label, value]) => [h('dt', {}, label), h('dd', {}, value ?? h('span', { class: 'muted' }, '—'))]));
}

/**
 * A table that becomes a stack of cards on a phone: each cell carries its column name
 * (`data-label`) for the narrow layout. `rows` holds arrays of cell contents.
 */
export function table({ caption, columns, rows, empty, rowAttributes = () => ({}) }) {
  if (rows.length === 0) return h('p', { class: 'empty' }, empty);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'cards' },
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col' }, column)))),
      h('tbody', {}, rows.map((cells, index) => h('tr', rowAttributes(index), cells.map((cell, column) => h('td', { 'data-label': columns[column] }, cell))))),
    ),
  );
}

export function errorBox(error) {
  return h('div', { class: 'error', role: 'alert' }, h('strong', {}, error.code ?? 'ERROR'), ' ', error.message ?? String(error));
}

/** Moves focus to a view's heading so keyboard and screen-reader users land on the new content. */
export function focusHeading(container) {
  const heading = container.querySelector('h1, h2');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

/** A value of unknown shape as text (objects as JSON). */
export function display(value) {
  if (value === null || value === undefined) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
