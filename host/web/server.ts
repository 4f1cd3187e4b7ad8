/**
 * Web mode: serves the built renderer (sirv) and the storage API on loopback only.
 * The same storage module backs Electron's IPC, so web-mode e2e tests exercise real disk I/O.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import type { StorageApi } from '../api';
import { handleApi } from './api-routes';
import { CONTENT_SECURITY_POLICY } from './csp';

export interface WebServerOptions {
  readonly storage: StorageApi;
  readonly staticDir: string;
  readonly port: number;
  readonly host?: string;
}

export async function startWebServer(
  options: WebServerOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  const assets = sirv(options.staticDir, { single: true, dev: false, etag: true, gzip: false });
  const server = http.createServer((req, res) => {
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    void handleApi(options.storage, req, res).then((handled) => {
      if (!handled)
        assets(req, res, () => {
          res.writeHead(404).end('Not found');
        });
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
