// An independent OAuth 2.0 client (oauth4webapi, not Spring) against a running auth-server: discovery,
// private_key_jwt client_credentials with DPoP, then PAR + PKCE + DPoP code flow with the customer's login automated
// the way a browser would do it (cookies, the form's CSRF field). With API_URL set, it then calls that API (through
// the gateway) with the DPoP-bound partner token: once with a proof, once without. Prints one JSON line with what it
// saw; exits non-zero on the first failure. Run by IndependentClientIT (auth-server) and SandboxEndToEndIT
// (sandbox-partners); settings come from the environment:
//   ISSUER, CLIENT_ID, CLIENT_PRIVATE_JWK (the client's private key as a JWK, RSA for PS256 or P-256 for ES256),
//   REDIRECT_URI, CUSTOMER_USERNAME, CUSTOMER_PASSWORD, optional CUSTOMER_TOTP_SECRET (base32; defaults to the
//   published sandbox secret of alice or bob), PARTNER_SCOPE (default accounts) and API_URL.
import * as oauth from 'oauth4webapi';
import { SANDBOX_TOTP_SECRETS, totp } from './sandbox-totp.mjs';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const issuer = new URL(env('ISSUER'));
const client = { client_id: env('CLIENT_ID') };
const clientAuth = oauth.PrivateKeyJwt(await importPrivateKey(JSON.parse(env('CLIENT_PRIVATE_JWK'))));
const redirectUri = env('REDIRECT_URI');
// The test server speaks plain HTTP on loopback; oauth4webapi refuses that unless told.
const insecure = { [oauth.allowInsecureRequests]: true };

const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, {
  ...insecure, algorithm: 'oauth2',
}));
if (as.require_pushed_authorization_requests !== true) throw new Error('metadata does not require PAR');

const keyPair = await oauth.generateKeyPair('ES256');
const dpop = oauth.DPoP(client, keyPair);

// 1. Partner-level token: client_credentials, DPoP-bound.
const partnerToken = await oauth.processClientCredentialsResponse(as, client,
  await oauth.clientCredentialsGrantRequest(as, client, clientAuth, { scope: process.env.PARTNER_SCOPE || 'accounts' },
    { ...insecure, DPoP: dpop }));
if (partnerToken.token_type.toLowerCase() !== 'dpop') throw new Error(`client_credentials token_type ${partnerToken.token_type}`);

// 2. Customer-level token: PAR + PKCE S256 + dpop_jkt, customer login, code exchange with DPoP.
const codeVerifier = oauth.generateRandomCodeVerifier();
const state = oauth.generateRandomState();
const pushed = await oauth.processPushedAuthorizationResponse(as, client,
  await oauth.pushedAuthorizationRequest(as, client, clientAuth, {
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'accounts',
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    dpop_jkt: await thumbprint(keyPair.publicKey),
  }, { ...insecure, DPoP: dpop }));

const authorizationUrl = new URL(as.authorization_endpoint);
authorizationUrl.searchParams.set('client_id', client.client_id);
authorizationUrl.searchParams.set('request_uri', pushed.request_uri);
const callback = await browseToCallback(authorizationUrl, env('CUSTOMER_USERNAME'), env('CUSTOMER_PASSWORD'));

// Checks state and, since the metadata says so, that iss is this issuer (RFC 9207).
const callbackParameters = oauth.validateAuthResponse(as, client, callback, state);
const customerToken = await oauth.processAuthorizationCodeResponse(as, client,
  await oauth.authorizationCodeGrantRequest(as, client, clientAuth, callbackParameters, redirectUri, codeVerifier,
    { ...insecure, DPoP: dpop }));
if (customerToken.token_type.toLowerCase() !== 'dpop') throw new Error(`code token_type ${customerToken.token_type}`);

// 3. Optional: an API through the gateway with the DPoP-bound partner token, with its proof and without it.
let api = null;
if (process.env.API_URL) {
  const apiUrl = new URL(process.env.API_URL);
  // oauth4webapi throws on a 401 challenge; the test wants the status either way.
  const withProof = await oauth.protectedResourceRequest(partnerToken.access_token, 'GET', apiUrl, new Headers(),
    null, { ...insecure, DPoP: dpop }).catch((error) => {
    if (error instanceof oauth.WWWAuthenticateChallengeError) return error.response;
    throw error;
  });
  const withProofBody = await withProof.text();
  const lifted = await fetch(apiUrl, {
    headers: { authorization: `DPoP ${partnerToken.access_token}` }, signal: AbortSignal.timeout(10_000),
  });
  const liftedBody = await lifted.text();
  const asBearer = await fetch(apiUrl, {
    headers: { authorization: `Bearer ${partnerToken.access_token}` }, signal: AbortSignal.timeout(10_000),
  });
  await asBearer.arrayBuffer();
  api = {
    withProofStatus: withProof.status,
    withProofProblem: withProof.status === 200 ? null : withProofBody,
    withoutProofStatus: lifted.status,
    withoutProofType: lifted.headers.get('content-type')?.startsWith('application/problem+json')
      ? JSON.parse(liftedBody).type : null,
    asBearerStatus: asBearer.status,
  };
}

const claims = JSON.parse(Buffer.from(customerToken.access_token.split('.')[1], 'base64url').toString());
const partnerClaims = JSON.parse(Buffer.from(partnerToken.access_token.split('.')[1], 'base64url').toString());
console.log(JSON.stringify({
  partnerJkt: partnerClaims.cnf?.jkt,
  partnerClientId: partnerClaims.client_id,
  partnerTokenType: partnerToken.token_type,
  customerTokenType: customerToken.token_type,
  customerSubject: claims.sub,
  customerJkt: claims.cnf?.jkt,
  refreshToken: typeof customerToken.refresh_token === 'string',
  iss: callback.searchParams.get('iss'),
  api,
}));

/** The client's private JWK as a WebCrypto signing key: RSA-PSS (PS256) or ECDSA P-256 (ES256). */
async function importPrivateKey(jwk) {
  const algorithm = jwk.kty === 'EC' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSA-PSS', hash: 'SHA-256' };
  const { kid, ...material } = jwk;
  return { key: await crypto.subtle.importKey('jwk', material, algorithm, false, ['sign']), kid };
}

/** RFC 7638 SHA-256 thumbprint of an EC public key: the required members in lexicographic order. */
async function thumbprint(publicKey) {
  const { crv, kty, x, y } = await crypto.subtle.exportKey('jwk', publicKey);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify({ crv, kty, x, y })));
  return Buffer.from(digest).toString('base64url');
}

/** Follows redirects by hand, keeps cookies, fills the login form once; stops at the client's redirect URI. */
async function browseToCallback(start, username, password) {
  const cookies = new Map();
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const remember = (response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  };
  let url = start;
  let loggedIn = false;
  for (let hop = 0; hop < 10; hop++) {
    if (url.href.startsWith(redirectUri)) return url;
    const response = await fetch(url, {
      redirect: 'manual', headers: { cookie: cookieHeader() }, signal: AbortSignal.timeout(10_000),
    });
    remember(response);
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location'), url);
      continue;
    }
    const page = await response.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page);
    if (response.status === 200 && csrf && loggedIn && url.pathname === '/login/code') {
      // The second factor: the customer's current RFC 6238 code.
      const secret = process.env.CUSTOMER_TOTP_SECRET || SANDBOX_TOTP_SECRETS[username];
      const coded = await fetch(url, {
        method: 'POST', redirect: 'manual', body: new URLSearchParams({ code: totp(secret), _csrf: csrf[1] }),
        signal: AbortSignal.timeout(10_000),
        headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      });
      remember(coded);
      if (coded.status !== 302) throw new Error(`one-time code refused: ${coded.status}`);
      url = new URL(coded.headers.get('location'), url);
      continue;
    }
    if (response.status !== 200 || !csrf || loggedIn) throw new Error(`unexpected page ${url}: ${response.status}`);
    const form = new URLSearchParams({ username, password, _csrf: csrf[1] });
    const posted = await fetch(new URL('/login', url), {
      method: 'POST', redirect: 'manual', body: form, signal: AbortSignal.timeout(10_000),
      headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    });
    remember(posted);
    loggedIn = true;
    url = new URL(posted.headers.get('location'), url);
  }
  throw new Error('too many redirects');
}
