/**
 * The deployed page's browser side. A browser cannot attach a bearer token to a link it follows,
 * so every page path answers with this shell: its script signs in with the Cognito hosted UI
 * (OAuth 2 authorization code with PKCE, no client secret), then fetches the page's `main` from
 * `/api/<path>` with the access token, which the HTTP API's JWT authorizer checks. The server
 * renders and escapes that HTML as it does locally; the script only shows it, follows links and
 * filter forms within the site, and keeps the token in sessionStorage (gone with the tab).
 */
import { html } from '../../core/web/html.ts';
import { contentSecurityPolicy, pageDocument } from '../../core/web/site.ts';

export interface SignIn {
  /** The user pool domain's base URL, e.g. https://newswatch-123.auth.eu-west-1.amazoncognito.com. */
  authUrl: string;
  clientId: string;
}

export const SHELL_SCRIPT_PATH = '/app.js';

export function shellDocument(signIn: SignIn): string {
  const page = {
    status: 200,
    title: 'Signing in',
    body: html`<p class="signin">Signing in…</p><noscript>This page signs you in with JavaScript; please enable it.</noscript>`,
  };
  return pageDocument(page, {
    data: { auth: signIn.authUrl, client: signIn.clientId },
    script: SHELL_SCRIPT_PATH,
    nav: [{ label: 'Sign out', href: '/signout' }],
  });
}

/** The token endpoint is the one cross-origin call; the authorize and logout pages are navigations. */
export function shellPolicy(signIn: SignIn): string {
  return contentSecurityPolicy({ scripts: true, connect: [new URL(signIn.authUrl).origin] });
}

export const SHELL_SCRIPT = `
const { auth, client } = document.documentElement.dataset;
const main = document.getElementById('main');
const redirectUri = location.origin + '/callback';
const b64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/[+]/g, '-').replace(/[/]/g, '_').replace(/=+$/, '');
const random = (n) => b64url(crypto.getRandomValues(new Uint8Array(n)));

async function signIn() {
  const verifier = random(48);
  const state = random(16);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  sessionStorage.setItem('newswatch.pkce', JSON.stringify({ verifier, state, back: location.pathname + location.search }));
  const url = new URL('/oauth2/authorize', auth);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: client, redirect_uri: redirectUri, scope: 'openid email',
    state, code_challenge: b64url(new Uint8Array(digest)), code_challenge_method: 'S256',
  }).toString();
  location.assign(url.href);
}

async function finishSignIn() {
  const params = new URLSearchParams(location.search);
  const saved = JSON.parse(sessionStorage.getItem('newswatch.pkce') || 'null');
  sessionStorage.removeItem('newswatch.pkce');
  if (!saved || !params.get('code') || params.get('state') !== saved.state) throw new Error('Sign-in did not complete: reload the page to try again.');
  const res = await fetch(new URL('/oauth2/token', auth), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: client, code: params.get('code'), redirect_uri: redirectUri, code_verifier: saved.verifier }),
  });
  if (!res.ok) throw new Error('Sign-in failed (' + res.status + '): reload the page to try again.');
  const tokens = await res.json();
  sessionStorage.setItem('newswatch.token', JSON.stringify({ access: tokens.access_token, expires: Date.now() + tokens.expires_in * 1000 }));
  history.replaceState(null, '', saved.back);
}

function accessToken() {
  const saved = JSON.parse(sessionStorage.getItem('newswatch.token') || 'null');
  return saved && saved.expires > Date.now() + 30000 ? saved.access : undefined;
}

async function show(target) {
  const token = accessToken();
  if (!token) return signIn();
  // The root page is /api itself: API Gateway's greedy path needs at least one segment.
  const url = new URL(target, location.origin);
  const api = '/api' + (url.pathname === '/' ? '' : url.pathname) + url.search;
  const res = await fetch(api, { headers: { authorization: 'Bearer ' + token } });
  if (res.status === 401) {
    sessionStorage.removeItem('newswatch.token');
    return signIn();
  }
  const page = await res.json();
  document.title = page.title + ' · newswatch';
  const parsed = new DOMParser().parseFromString('<main>' + page.html + '</main>', 'text/html');
  main.replaceChildren(...parsed.body.firstChild.childNodes);
  window.scrollTo(0, 0);
}

function go(url) {
  history.pushState(null, '', url);
  show(url.pathname + url.search).catch(fail);
}

function signOut() {
  sessionStorage.clear();
  const url = new URL('/logout', auth);
  url.search = new URLSearchParams({ client_id: client, logout_uri: location.origin + '/' }).toString();
  location.assign(url.href);
}

function fail(err) {
  main.textContent = err.message;
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a');
  if (!link || link.origin !== location.origin || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  if (link.pathname === '/signout') return signOut();
  go(new URL(link.href));
});
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (form.method !== 'get') return;
  event.preventDefault();
  const url = new URL(form.action);
  for (const [key, value] of new FormData(form)) if (value) url.searchParams.set(key, value);
  go(url);
});
addEventListener('popstate', () => show(location.pathname + location.search).catch(fail));

(location.pathname === '/callback' ? finishSignIn() : Promise.resolve())
  .then(() => show(location.pathname + location.search))
  .catch(fail);
`;
