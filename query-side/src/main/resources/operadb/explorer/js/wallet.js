// Signing in with a browser wallet (window.ethereum, EIP-1193): the wallet signs the contract's canonical string of
// POST /api/accounts/{account}/token with personal_sign (EIP-191), and the command API answers {token, expiresAt}.

import {accountPath, commandBase, ApiError} from './api.js';

// the hex SHA-256 of the empty string: the token request has no body, and crypto.subtle exists only on https/localhost
const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export function walletPresent() {
  return typeof window.ethereum !== 'undefined' && typeof window.ethereum.request === 'function';
}

/** The canonical string of the contract: method, path with query, body hash, account, timestamp, nonce. */
export function canonicalString(method, pathWithQuery, bodySha256Hex, account, timestamp, nonce) {
  return [method, pathWithQuery, bodySha256Hex, account, timestamp, nonce].join('\n');
}

function randomNonce() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map(b => b.toString(16).padStart(2, '0')).join('');
}

function utf8Hex(text) {
  return `0x${[...new TextEncoder().encode(text)].map(b => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Asks the wallet for an address and a signature; answers {actor, token, expiresAt}. */
export async function signInWithWallet(account) {
  const [address] = await window.ethereum.request({method: 'eth_requestAccounts'});
  if (!address) throw new Error('the wallet gave no address');
  const path = accountPath(account, 'token');
  const timestamp = String(Date.now());
  const nonce = randomNonce();
  const message = canonicalString('POST', path, EMPTY_BODY_SHA256, account, timestamp, nonce);
  const signature = await window.ethereum.request({method: 'personal_sign', params: [utf8Hex(message), address]});
  const response = await fetch(commandBase() + path, {
    method: 'POST',
    headers: {
      Accept: 'application/json, application/problem+json',
      'X-OperaDB-Actor': address,
      'X-OperaDB-Timestamp': timestamp,
      'X-OperaDB-Nonce': nonce,
      'X-OperaDB-Signature': signature,
    },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body);
  return {actor: address.toLowerCase(), token: body.token, expiresAt: body.expiresAt};
}
