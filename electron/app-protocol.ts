/**
 * The app is served from its own privileged scheme, `app://outage-lab/`, not from file://: a
 * file:// page may read any local file its URL names (hence the grantFileProtocolExtraPrivileges
 * fuse, off in the packaging config), while this handler serves only files inside the packaged
 * dist/ directory, with an explicit type and the production CSP on every response. Registered as
 * Electron's protocol docs show: the scheme privileged before `ready`, the handler after.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'outage-lab';
/** The one page the app loads (trainee views add a hash). */
export const APP_PAGE = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * For protocol.registerSchemesAsPrivileged: standard (relative URLs resolve, an origin for
 * localStorage and workers), secure (like https), fetch allowed. No bypassCSP, no corsEnabled.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

/** The types dist/ holds; anything else is sent as bytes the page cannot sniff into a script. */
const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeOf(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `distDir` that `url` names, or undefined when it names nothing there: another
 * scheme or host, a path that is not valid percent-encoding, carries NUL or a backslash, or
 * resolves outside `distDir` (`..`, encoded or not).
 */
export function resolveAppFile(distDir: string, url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return undefined;
  if (pathname === '' || pathname === '/') pathname = '/index.html';
  const root = path.resolve(distDir);
  const file = path.resolve(root, `.${pathname}`);
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return file;
}

const notFound = (policy: string) =>
  new Response('Not found', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': policy },
  });

/** The handler for protocol.handle(APP_SCHEME, ...): files of `distDir`, read-only. */
export function appProtocolHandler(
  distDir: string,
  policy: string,
  readFile: (file: string) => Promise<Uint8Array<ArrayBuffer>> = (file) => fs.readFile(file),
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { allow: 'GET, HEAD' } });
    }
    const file = resolveAppFile(distDir, request.url);
    if (!file) return notFound(policy);
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await readFile(file);
    } catch {
      // Missing, a directory, unreadable: all the same to the page.
      return notFound(policy);
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        'content-type': mimeTypeOf(file),
        'content-security-policy': policy,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      },
    });
  };
}
