/**
 * DNS-rebinding defence for the loopback server. A page on evil.example whose name is rebound to
 * 127.0.0.1 reaches this server as same-origin from the browser's point of view, so the server
 * itself must refuse: any Host other than a loopback name with our port, any foreign Origin, and
 * (on /api) any call without the per-launch token that only our own served page carries.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { API_TOKEN_HEADER, TOKEN_META_NAME } from '../api';

export { API_TOKEN_HEADER, TOKEN_META_NAME };

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** 32 random bytes, hex: generated once per server start. */
export function newApiToken(): string {
  return randomBytes(32).toString('hex');
}

export type GuardVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

function isOwnAuthority(authority: string, port: number): boolean {
  const colon = authority.lastIndexOf(':');
  if (colon <= 0 || authority.endsWith(']')) return false;
  const name = authority.slice(0, colon).toLowerCase();
  return LOOPBACK_NAMES.has(name) && authority.slice(colon + 1) === String(port);
}

function sameToken(sent: string, token: string): boolean {
  const a = Buffer.from(sent, 'utf8');
  const b = Buffer.from(token, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks one request. `port` is the port the server listens on (known after listen);
 * `requireToken` is true for /api calls (the page and its assets are fetched without it).
 */
export function checkRequest(
  req: IncomingMessage,
  options: { readonly port: number; readonly token: string; readonly requireToken: boolean },
): GuardVerdict {
  const host = req.headers.host;
  if (typeof host !== 'string' || !isOwnAuthority(host, options.port))
    return {
      ok: false,
      reason: `Host ${JSON.stringify(host ?? '')} is not this server; open http://127.0.0.1:${options.port}.`,
    };
  const origin = req.headers.origin;
  // Same-origin GETs carry no Origin; when one is sent it must be ours.
  if (
    origin !== undefined &&
    !(origin.startsWith('http://') && isOwnAuthority(origin.slice(7), options.port))
  )
    return { ok: false, reason: `Origin ${JSON.stringify(origin)} may not use this server.` };
  if (options.requireToken) {
    const sent = req.headers[API_TOKEN_HEADER];
    if (typeof sent !== 'string' || !sameToken(sent, options.token))
      return {
        ok: false,
        reason: `API calls need this launch's token in the ${API_TOKEN_HEADER} header (the served page carries it).`,
      };
  }
  return { ok: true };
}

/** index.html with the token as a meta tag, for the renderer's web client to read. */
export function injectToken(html: string, token: string): string {
  const meta = `<meta name="${TOKEN_META_NAME}" content="${token}" />`;
  return html.includes('</head>') ? html.replace('</head>', `    ${meta}\n  </head>`) : `${meta}${html}`;
}
