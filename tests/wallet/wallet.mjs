/*
 * A wallet receiving a credential over OpenID for Verifiable Credential Issuance 1.0, written
 * with the OpenWallet Foundation's oid4vc-ts client (@openid4vc/openid4vci): offer parsing,
 * metadata discovery, the pre-authorized code token request, the nonce request, the key proof
 * JWT and the credential request are all the library's. This file only holds the wallet's key
 * (a fresh Ed25519 did:key, or a P-256 key sent as a JWK) and the callbacks the library asks
 * a wallet for (hashing, randomness, signing, fetching).
 *
 *   node wallet.mjs '<openid-credential-offer://…>' ed25519|p256 <configuration id>...
 *
 * Prints one JSON object: {"did": …, "credentials": {<configuration id>: <credential>}} or
 * {"error": …, "status": …, "body": …}. Only loopback addresses may be reached.
 */
import {createHash, generateKeyPairSync, randomBytes, sign} from 'node:crypto';
import {clientAuthenticationAnonymous, setGlobalConfig} from '@openid4vc/oauth2';
import {Openid4vciClient} from '@openid4vc/openid4vci';

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

function guardedFetch(input, init) {
  const url = new URL(typeof input === 'string' ? input : input.url);
  if (!LOOPBACK.has(url.hostname)) {
    throw new Error(`refused to fetch ${url.href}: only loopback is allowed`);
  }
  return fetch(input, init);
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58btc(bytes) {
  let number = BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
  let out = '';
  while (number > 0n) {
    out = BASE58[Number(number % 58n)] + out;
    number /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = `1${out}`;
  }
  return out;
}

function walletKey(kind) {
  if (kind === 'ed25519') {
    const {publicKey, privateKey} = generateKeyPairSync('ed25519');
    const jwk = publicKey.export({format: 'jwk'});
    const raw = Buffer.from(jwk.x, 'base64url');
    // did:key: multibase base58btc of the multicodec ed25519-pub prefix (0xed 0x01) + key.
    const id = `did:key:z${base58btc(Buffer.concat([Buffer.from([0xed, 0x01]), raw]))}`;
    return {
      did: id,
      jwk,
      signer: {method: 'did', didUrl: `${id}#${id.slice('did:key:'.length)}`, alg: 'EdDSA'},
      sign: data => sign(null, data, privateKey)
    };
  }
  const {publicKey, privateKey} = generateKeyPairSync('ec', {namedCurve: 'P-256'});
  const jwk = publicKey.export({format: 'jwk'});
  return {
    did: null, // the issuer names it did:jwk
    jwk,
    signer: {method: 'jwk', publicJwk: jwk, alg: 'ES256'},
    sign: data => sign('sha256', data, {key: privateKey, dsaEncoding: 'ieee-p1363'})
  };
}

async function main() {
  const [link, kind, ...configurationIds] = process.argv.slice(2);
  // The test server speaks plain HTTP on 127.0.0.1; real issuers are HTTPS.
  setGlobalConfig({allowInsecureUrls: true});
  const key = walletKey(kind);
  const client = new Openid4vciClient({
    callbacks: {
      fetch: guardedFetch,
      hash: (data, alg) => createHash(alg.replace('-', '').toLowerCase()).update(data).digest(),
      generateRandom: length => randomBytes(length),
      clientAuthentication: clientAuthenticationAnonymous(),
      signJwt: async (signer, {header, payload}) => {
        const encode = part => Buffer.from(JSON.stringify(part)).toString('base64url');
        const input = `${encode(header)}.${encode(payload)}`;
        const signature = key.sign(Buffer.from(input)).toString('base64url');
        return {jwt: `${input}.${signature}`, signerJwk: key.jwk};
      }
    }
  });

  const offer = await client.resolveCredentialOffer(link);
  const issuerMetadata = await client.resolveIssuerMetadata(offer.credential_issuer);
  const {accessTokenResponse} = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
    credentialOffer: offer,
    issuerMetadata
  });
  const credentials = {};
  for (const credentialConfigurationId of configurationIds) {
    const {c_nonce: nonce} = await client.requestNonce({issuerMetadata});
    const {jwt} = await client.createCredentialRequestJwtProof({
      issuerMetadata,
      credentialConfigurationId,
      signer: key.signer,
      nonce
    });
    const {credentialResponse} = await client.retrieveCredentials({
      issuerMetadata,
      accessToken: accessTokenResponse.access_token,
      credentialConfigurationId,
      proofs: {jwt: [jwt]}
    });
    credentials[credentialConfigurationId] = credentialResponse.credentials[0].credential;
  }
  return {
    did: key.did,
    jwk: key.jwk,
    version: issuerMetadata.originalDraftVersion,
    offered: offer.credential_configuration_ids,
    credentials
  };
}

try {
  console.log(JSON.stringify(await main()));
} catch (error) {
  // The library's own error classes carry the server's answer: the OAuth error response
  // (token endpoint) or the credential error response.
  const answer = error.errorResponse ?? error.response?.credentialErrorResponseResult?.data;
  console.log(JSON.stringify({
    error: `${error.name}: ${error.message}`,
    status: error.response?.status ?? error.response?.response?.status ?? null,
    body: answer ?? null
  }));
  process.exitCode = 1;
}
