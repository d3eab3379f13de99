/*
 * Nothing leaves this machine: every connection must go to the loopback interface, whoever
 * opens it (fetch, the HTTP clients the verifiers bundle, raw sockets). A few documents that
 * DCC's verifier-core would otherwise fetch from their publishers' sites (contexts it does not
 * bundle, JSON Schemas) are answered from pinned copies kept in this repository instead; every
 * answer and every refusal is recorded, so the test can show what was asked for.
 *
 * Import this module before anything else.
 */
import net from 'node:net';
import {existsSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
export const requests = [];
export const refused = [];

const here = fileURLToPath(new URL('.', import.meta.url));
const root = `${here}../../`;
// URL -> file in the repository. Only exact URLs; never a prefix.
const PINNED = new Map([
  [
    'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
    'credentials/contexts/clr-v2p0-context-2.0.1.json'
  ],
  [
    'https://purl.imsglobal.org/spec/ob/v3p0/schema/json-ld/ob_v3p0_achievementcredential_schema.json',
    'credentials/schemas/ob_v3p0_achievementcredential_schema.json'
  ],
  [
    'https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json',
    'credentials/schemas/clr_v2p0_clrcredential_schema.json'
  ]
]);

export function pinned(url) {
  const file = PINNED.get(url);
  return file === undefined || !existsSync(root + file) ?
    undefined : readFileSync(root + file, 'utf8');
}

const realFetch = globalThis.fetch;
globalThis.fetch = async function guardedFetch(input, init) {
  const url = typeof input === 'string' ? input :
    input instanceof URL ? input.href : input.url;
  const {hostname} = new URL(url);
  const body = pinned(url);
  if(body !== undefined) {
    requests.push({url, answered: 'pinned copy'});
    return new Response(body, {
      status: 200, headers: {'content-type': 'application/json'}
    });
  }
  if(!LOOPBACK.has(hostname.replace(/^\[|\]$/g, ''))) {
    refused.push(url);
    throw new TypeError(`refused: ${url} is not on this machine`);
  }
  requests.push({url, answered: 'network'});
  return realFetch(input, init);
};

const realConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const options = typeof args[0] === 'object' && args[0] !== null ? args[0] : {
    port: args[0], host: typeof args[1] === 'string' ? args[1] : 'localhost'
  };
  // Unix sockets (options.path) never leave the machine.
  if(options.path === undefined) {
    const host = options.host ?? 'localhost';
    if(!LOOPBACK.has(host)) {
      refused.push(`${host}:${options.port}`);
      throw new Error(`refused: connection to ${host} is not on this machine`);
    }
  }
  return realConnect.apply(this, args);
};
