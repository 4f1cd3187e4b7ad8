/**
 * Web mode: serves the built renderer (sirv) and the storage API on loopback only.
 * The same storage module backs Electron's IPC, so web-mode e2e tests exercise real disk I/O.
 * Every request passes the DNS-rebinding guard (request-guard.ts) first.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import sirv from 'sirv';
import type { StorageApi } from '../api';
import { handleApi } from './api-routes';
import { CONTENT_SECURITY_POLICY } from './csp';
import { checkRequest, injectToken, newApiToken } from './request-guard';

export interface WebServerOptions {
  readonly storage: StorageApi;
  readonly staticDir: string;
  readonly port: number;
  readonly host?: string;
}

export interface WebServer {
  readonly url: string;
  /** This launch's API token (also carried by the served index.html). */
  readonly token: string;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = newApiToken();
  // The page is the only place the token reaches the browser: built once, never cached.
  const indexHtml = injectToken(await readFile(path.join(options.staticDir, 'index.html'), 'utf8'), token);
  const assets = sirv(options.staticDir, { single: false, dev: false, etag: true, gzip: false });
  let port = 0;
  const sendIndex = (res: http.ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(indexHtml);
  };
  const server = http.createServer((req, res) => {
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const verdict = checkRequest(req, { port, token, requireToken: pathname.startsWith('/api/') });
    if (!verdict.ok) {
      res.writeHead(403, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ error: verdict.reason }));
      return;
    }
    if (pathname === '/' || pathname === '/index.html') return sendIndex(res);
    void handleApi(options.storage, req, res).then((handled) => {
      // Unknown paths get the app (single-page fallback), with the token like any other page load.
      if (!handled) assets(req, res, () => sendIndex(res));
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    token,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
