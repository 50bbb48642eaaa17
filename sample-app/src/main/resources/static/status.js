// The status page: polls GET /api/session every second and renders it; the buttons post to the app's API.
// Only textContent is ever set, so no message from the server can become markup, and only http(s) links are followed.
'use strict';

const POLL_INTERVAL_MS = 1000;
// states in which signing in makes no sense: signed in already, or a sign-in is waiting
const NO_SIGN_IN_STATES = ['ACTIVE', 'EXPIRING', 'LOGIN_PENDING'];

// the sign-in this page started, with its page and code, which the polled status never carries
let startedSignIn = null;
const LOGIN_STATES = { PENDING: 'Waiting for approval', FAILED: 'Sign-in failed', CANCELLED: 'Sign-in cancelled' };

const $ = (id) => document.getElementById(id);

// server clock minus this browser's clock, so that countdowns agree with the server
let clockOffsetMs = 0;
let flowChosen = false;

function text(id, value) {
  $(id).textContent = (value === null || value === undefined || value === '') ? '–' : value;
}

// a text whose `quoted` parts are commands: those are shown as code, and all of it still only as text
function richText(element, value) {
  const parts = String(value).split('`');
  if (parts.length % 2 === 0) {
    element.textContent = value;
    return;
  }
  element.replaceChildren(...parts.map((part, index) => {
    if (index % 2 === 0) {
      return document.createTextNode(part);
    }
    const code = document.createElement('code');
    code.textContent = part;
    return code;
  }));
}

function show(id, visible) {
  $(id).hidden = !visible;
}

function webUrl(url) {
  return /^https?:\/\//i.test(url || '') ? url : 'about:blank';
}

function time(instant) {
  return instant ? new Date(instant).toLocaleTimeString() : null;
}

function countdown(instant) {
  if (!instant) {
    return '–';
  }
  const seconds = Math.floor((Date.parse(instant) - (Date.now() + clockOffsetMs)) / 1000);
  if (seconds <= 0) {
    return 'expired';
  }
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  if (h > 0) {
    return `${h}h ${String(m).padStart(2, '0')}m ${s}s`;
  }
  return m > 0 ? `${m}m ${s}s` : `${seconds}s`;
}

function renderCountdown(id, instant) {
  const element = $(id);
  element.textContent = countdown(instant);
  if (instant) {
    element.dataset.expiresAt = instant;
  } else {
    delete element.dataset.expiresAt;
  }
}

function outcome(id, refresh) {
  const element = $(id);
  if (!refresh) {
    element.textContent = 'none yet';
    element.dataset.outcome = 'none';
    return;
  }
  element.textContent = refresh.succeeded
    ? `${time(refresh.at)}, succeeded`
    : `${time(refresh.at)}, failed: ${refresh.message || refresh.errorType}`;
  element.dataset.outcome = refresh.succeeded ? 'succeeded' : 'failed';
}

function renderState(state, nextAction) {
  $('state').textContent = state;
  $('state').dataset.state = state;
  richText($('next-action'), nextAction || '–');
}

function renderIdentity(view) {
  const { identity, token } = view.status;
  const caller = view.caller;
  // the configured account and role are nobody's while no token is held
  const signedIn = Boolean(token.expiresAt);
  text('account', caller ? caller.account : (signedIn ? identity.accountId : null));
  text('role', signedIn ? identity.roleName : null);
  show('nobody', !signedIn);
  text('arn', caller ? caller.arn : null);
  text('user-id', caller ? caller.userId : null);
  text('start-url', identity.startUrl);
  text('source', identity.sessionName ? `${identity.source}, sso-session ${identity.sessionName}` : identity.source);
  $('caller-problem').textContent = view.callerProblem || '';
  show('caller-problem', Boolean(view.callerProblem));
}

function tokenDetail(token) {
  if (!token.expiresAt) {
    return 'No token: nobody is signed in.';
  }
  const expires = `Expires ${time(token.expiresAt)}`;
  if (!token.refreshable) {
    return `${expires}; cannot be refreshed: ${token.notRefreshableReason}`;
  }
  return token.nextRefreshAt ? `${expires}, refreshed next at ${time(token.nextRefreshAt)}` : expires;
}

function credentialsDetail(credentials) {
  if (!credentials.expiresAt) {
    return 'None held.';
  }
  const expire = `Expire ${time(credentials.expiresAt)}`;
  return credentials.nextRefreshAt ? `${expire}, fetched again at ${time(credentials.nextRefreshAt)}` : expire;
}

function sessionDetail(session) {
  if (!session.endsAt) {
    return 'No session.';
  }
  const ends = `Ends ${time(session.endsAt)} (${session.endConfirmed ? 'confirmed' : 'estimated'})`;
  return session.signedInAt ? `${ends}, signed in at ${time(session.signedInAt)}` : ends;
}

function renderLifetimes(status) {
  const { token, credentials, session } = status;
  renderCountdown('token-countdown', token.expiresAt);
  text('token-detail', tokenDetail(token));
  outcome('token-last-refresh', token.lastRefresh);
  text('credentials-key', credentials.accessKeyId);
  renderCountdown('credentials-countdown', credentials.expiresAt);
  text('credentials-detail', credentialsDetail(credentials));
  outcome('credentials-last-refresh', credentials.lastRefresh);
  renderCountdown('session-countdown', session.endsAt);
  text('session-detail', sessionDetail(session));
}

// a table cell of lines: the first shows '–' when empty, the others are left out
function cell(row, ...lines) {
  const td = document.createElement('td');
  lines.forEach(([className, value], index) => {
    if (index > 0 && !value) {
      return;
    }
    const line = document.createElement('span');
    line.className = className;
    richText(line, (value === null || value === undefined || value === '') ? '–' : value);
    td.append(line);
  });
  row.append(td);
  return td;
}

// a role's next action is shown where it is the role's own, not the session's repeated
function roleRow(role, sessionNextAction) {
  const { status, caller } = role;
  const row = document.createElement('tr');
  row.dataset.role = status.name;
  cell(row, ['name', status.name]);
  const state = cell(row, ['badge', status.state]);
  state.firstChild.dataset.state = status.state;
  cell(row, ['account', `${status.role.accountId} · ${status.role.roleName}`],
    ['detail', status.role.assumedRoleArn
      ? `assumed with ${status.role.ssoRoleName} of ${status.role.ssoAccountId}` : status.role.signIn]);
  cell(row, ['mono arn', caller ? caller.arn : null],
    ['detail problem-text', role.callerProblem
      || (status.state === 'ACTIVE' || status.nextAction === sessionNextAction ? null : status.nextAction)]);
  const credentials = cell(row, ['countdown', countdown(status.credentials.expiresAt)],
    ['detail', credentialsDetail(status.credentials)]);
  if (status.credentials.expiresAt) {
    credentials.firstChild.dataset.expiresAt = status.credentials.expiresAt;
  }
  return row;
}

function renderRoles(roles, sessionNextAction) {
  const named = roles || [];
  show('roles-card', named.length > 1);
  $('roles').replaceChildren(...named.map((role) => roleRow(role, sessionNextAction)));
}

function renderWarnings(warnings) {
  $('warnings').replaceChildren(...warnings.map((warning) => {
    const item = document.createElement('li');
    richText(item, warning);
    return item;
  }));
  show('warnings', warnings.length > 0);
}

function renderLogin(login) {
  show('login', Boolean(login));
  if (!login) {
    return;
  }
  const pending = login.state === 'PENDING';
  // the page to open and the code are known only where the sign-in started; the time left and Cancel are for everyone
  const started = pending && startedSignIn && startedSignIn.flow === login.flow
      && startedSignIn.expiresAt === login.expiresAt ? startedSignIn : null;
  if (!pending) {
    startedSignIn = null;
  }
  $('login').dataset.state = login.state;
  text('login-state', LOGIN_STATES[login.state]);
  text('login-flow', login.flow === 'DEVICE_CODE' ? '(device code)' : '(browser, PKCE)');
  show('user-code-line', Boolean(started && started.userCode));
  $('user-code').textContent = (started && started.userCode) || '';
  show('login-link-line', Boolean(started && started.url));
  if (started && started.url) {
    $('login-url').href = webUrl(started.url);
  }
  show('login-expires-line', pending);
  text('login-expires', time(login.expiresAt));
  richText($('login-failure'), login.failure || '');
  show('login-failure', Boolean(login.failure));
}

function renderButtons(state) {
  $('sign-in').disabled = NO_SIGN_IN_STATES.includes(state);
  $('sign-out').disabled = state === 'SIGNED_OUT' || state === 'NOT_CONFIGURED';
}

function render(view) {
  const { status } = view;
  clockOffsetMs = Date.parse(status.at) - Date.now();
  if (!flowChosen) {
    $('flow').value = view.signInFlow === 'DEVICE_CODE' ? 'device-code' : 'pkce';
  }
  renderState(status.state, view.nextAction);
  renderWarnings(status.warnings);
  renderIdentity(view);
  renderLifetimes(status);
  renderRoles(view.roles, status.nextAction);
  renderLogin(status.login);
  renderButtons(status.state);
  text('updated', new Date().toLocaleTimeString());
}

async function problemOf(response) {
  try {
    const problem = await response.json();
    return problem.detail || problem.title || `HTTP ${response.status}`;
  } catch (ignored) {
    return `HTTP ${response.status}`;
  }
}

async function load() {
  try {
    const response = await fetch('api/session', { headers: { Accept: 'application/json' } });
    if (response.ok) {
      render(await response.json());
    } else {
      renderState(response.status === 404 ? 'NOT_CONFIGURED' : 'UNAVAILABLE', await problemOf(response));
      renderButtons('NOT_CONFIGURED');
    }
  } catch (error) {
    renderState('UNAVAILABLE', `The application does not answer (${error.message}).`);
  }
}

function poll() {
  load().finally(() => setTimeout(poll, POLL_INTERVAL_MS));
}

async function post(path, body) {
  show('action-problem', false);
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body || {}),
  });
  if (!response.ok) {
    throw new Error(await problemOf(response));
  }
  return response.json();
}

function reportProblem(error) {
  $('action-problem').textContent = error.message;
  show('action-problem', true);
}

async function signIn() {
  const flow = $('flow').value;
  // opened within the click, so that no popup blocker stops it; pointed at the sign-in page once it is known
  const signInWindow = flow === 'pkce' ? window.open('about:blank', 'aws-sso-sign-in') : null;
  try {
    const prompt = await post('api/sign-in', { flow });
    startedSignIn = prompt;
    if (signInWindow && prompt.flow === 'PKCE') {
      signInWindow.location.href = webUrl(prompt.url);
    } else if (signInWindow) {
      signInWindow.close();
    }
  } catch (error) {
    if (signInWindow) {
      signInWindow.close();
    }
    reportProblem(error);
  }
  load();
}

async function act(path) {
  try {
    render(await post(path));
  } catch (error) {
    reportProblem(error);
  }
}

$('flow').addEventListener('change', () => { flowChosen = true; });
$('sign-in').addEventListener('click', signIn);
$('sign-out').addEventListener('click', () => act('api/sign-out'));
$('cancel-sign-in').addEventListener('click', () => act('api/sign-in/cancel'));
poll();
