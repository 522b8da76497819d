// Sign in: paste a token (from `./operadb token` or POST …/token), or let a browser wallet sign a login challenge.

import {h, alertBox, uniqueId} from '../dom.js';
import {accountPath, get} from '../api.js';
import {saveSession, clearSession, currentSession, tokenClaims} from '../session.js';
import {walletPresent, signInWithWallet} from '../wallet.js';
import {navigate, problemBox} from '../page.js';

export async function render() {
  const previous = currentSession() || {};
  const messages = h('div', {'aria-live': 'polite'});
  const account = field('Account', h('input', {type: 'text', name: 'account', autocomplete: 'organization',
    value: previous.account || '', placeholder: 'acme'}),
  'The tenant: lower-case letters, digits and dashes. Left empty, the token\'s own account.');
  const token = field('Token', h('textarea', {name: 'token', rows: 3, spellcheck: 'false', autocomplete: 'off'}),
    'A bearer token, e.g. from: ./operadb token <account> --key <file>. Kept in this browser tab only.');

  async function finish(session) {
    saveSession(session);
    try {
      // a first read proves the credentials before the Explorer relies on them
      await get(accountPath(session.account, 'schemas'));
      navigate('#/schemas');
    } catch (e) {
      clearSession();
      messages.replaceChildren(problemBox(e));
    }
  }

  const form = h('form', {class: 'stack', novalidate: true, onsubmit: async event => {
    event.preventDefault();
    const pasted = token.input.value.trim();
    const claims = tokenClaims(pasted);
    const values = {account: account.input.value.trim() || claims.account || '', actor: claims.sub || '',
      token: pasted, expiresAt: claims.exp ? new Date(claims.exp * 1000).toISOString() : undefined};
    if (!values.token || !values.account) {
      messages.replaceChildren(alertBox('error', 'Missing', h('p', {}, 'Paste a token (and name its account).')));
      return;
    }
    if (claims.account && claims.account !== values.account) {
      messages.replaceChildren(alertBox('error', 'Another account',
        h('p', {}, `This token is for account ${claims.account}, not ${values.account}.`)));
      return;
    }
    await finish(values);
  }},
  account.element, token.element,
  h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Sign in')));

  const wallet = walletPresent()
    ? h('section', {'aria-labelledby': 'wallet-heading'},
      h('h2', {id: 'wallet-heading'}, 'Or sign with a browser wallet'),
      h('p', {class: 'muted'}, 'Your wallet signs a login request for the account above (EIP-191); its address is '
        + 'your actor id. Nothing is sent until you approve it in the wallet.'),
      h('button', {type: 'button', class: 'secondary', onclick: async () => {
        const name = account.input.value.trim();
        if (!name) {
          messages.replaceChildren(alertBox('error', 'Missing', h('p', {}, 'Give the account first.')));
          account.input.focus();
          return;
        }
        try {
          const signed = await signInWithWallet(name);
          await finish({account: name, ...signed});
        } catch (e) {
          messages.replaceChildren(problemBox(e));
        }
      }}, 'Sign in with wallet'))
    : h('p', {class: 'muted'}, 'No browser wallet was found; paste a token instead.');

  return h('section', {class: 'signin'},
    h('h1', {}, 'Sign in'),
    h('p', {class: 'lead'}, 'The Explorer talks to the OperaDB APIs with your credentials, as any client would.'),
    messages, form, wallet);
}

function field(label, input, hint) {
  const id = uniqueId('signin');
  input.id = id;
  input.setAttribute('aria-describedby', `${id}-hint`);
  return {input, element: h('div', {class: 'field'}, h('label', {for: id}, label), input,
    h('p', {class: 'hint', id: `${id}-hint`}, hint))};
}
