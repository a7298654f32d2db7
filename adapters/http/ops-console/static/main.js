import { ApiError, call, session, whenUnauthorized } from './api.js';
import { renderAudit } from './audit.js';
import { errorBox, focusHeading, h, replace } from './dom.js';
import { renderKyc } from './kyc.js';
import { renderMembers } from './members.js';
import { renderMessage } from './message.js';
import { renderMessages } from './messages.js';
import { renderOverview } from './overview.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const notice = document.getElementById('notice');

/** Who is signed in: `{consumer, scopes}` from /ops/api/whoami, or null. */
let operator = null;

const views = {
  overview: renderOverview,
  messages: renderMessages,
  message: renderMessage,
  kyc: renderKyc,
  members: renderMembers,
  audit: renderAudit,
};

/** `#message/ID?x=1` → `{view: 'message', id: 'ID', params: URLSearchParams}`. */
function parseHash() {
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  const [view, id] = path.split('/');
  return { view: views[view] ? view : 'overview', id: id ? decodeURIComponent(id) : undefined, params: new URLSearchParams(query) };
}

function announce(text) {
  notice.textContent = text;
}

function showSignIn(problem) {
  operator = null;
  nav.hidden = true;
  who.hidden = true;
  document.title = 'Sign in · Midplat operations';
  const token = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' });
  const status = h('div', { 'aria-live': 'polite' }, problem ? errorBox(problem) : null);
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h(
    'form',
    { class: 'sign-in', id: 'sign-in', novalidate: true },
    h('h1', {}, 'Sign in'),
    h('p', {}, 'Paste an access token with the ops:read scope (ops:write to retry). It is kept in this tab only and sent as the Acstkn header.'),
    h('label', { for: 'token' }, 'Access token'),
    token,
    status,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = token.value.trim();
    if (!value) {
      replace(status, errorBox({ code: 'TOKEN_REQUIRED', message: 'Enter your access token.' }));
      token.focus();
      return;
    }
    submit.disabled = true;
    session.signIn(value);
    try {
      await identify();
      route();
    } catch (error) {
      session.signOut();
      replace(status, errorBox(describeSignInError(error)));
      submit.disabled = false;
      token.focus();
    }
  });
  replace(main, form);
  token.focus();
}

function describeSignInError(error) {
  if (error instanceof ApiError && error.status === 401) return { code: error.code, message: 'This token is not recognised.' };
  if (error instanceof ApiError && error.status === 403) return { code: error.code, message: 'This token has no ops:read scope.' };
  return error;
}

async function identify() {
  operator = await call('whoami');
  replace(document.getElementById('who-name'), h('span', { class: 'muted' }, 'Signed in as '), h('strong', {}, operator.consumer), operator.scopes.includes('ops:write') ? null : h('span', { class: 'muted' }, ' (read only)'));
  nav.hidden = false;
  who.hidden = false;
}

let renderCount = 0;

async function route() {
  if (!operator) return;
  const { view, id, params } = parseHash();
  for (const link of nav.querySelectorAll('a')) {
    const current = link.dataset.view === view || (view === 'message' && link.dataset.view === 'messages');
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const rendering = ++renderCount;
  const container = h('div', { class: 'view', 'data-view': view });
  replace(main, container);
  const context = {
    id,
    params,
    canWrite: operator.scopes.includes('ops:write'),
    announce,
    /** False once the operator has moved on, so slow answers do not paint over the new view. */
    isCurrent: () => rendering === renderCount,
  };
  // A view draws its heading before its first await: focus moves there at once, never later,
  // so an answer arriving while the operator types cannot steal the focus.
  const rendered = views[view](container, context);
  focusHeading(container);
  try {
    await rendered;
  } catch (error) {
    if (context.isCurrent()) container.append(errorBox(error));
  }
  if (!context.isCurrent()) return;
  document.title = `${container.querySelector('h1')?.textContent ?? 'Console'} · Midplat operations`;
  // A view that redrew its heading once loaded dropped the focus to <body>: put it back.
  if (document.activeElement === document.body) focusHeading(container);
}

whenUnauthorized(() => {
  if (!operator) return; // signing in: the sign-in form reports it
  session.signOut();
  showSignIn({ code: 'UNAUTHORIZED', message: 'Midplat no longer accepts your token; sign in again.' });
});

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  announce('Signed out.');
  showSignIn();
});

window.addEventListener('hashchange', () => route());

async function start() {
  if (!session.token()) return showSignIn();
  try {
    await identify();
    await route();
  } catch (error) {
    session.signOut();
    showSignIn(describeSignInError(error));
  }
}

start();
