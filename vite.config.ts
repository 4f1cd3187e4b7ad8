import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStorage } from './host/storage/storage';
import { handleApi } from './host/web/api-routes';
import { injectCsp } from './host/web/csp-variants';
import { checkRequest, injectToken, newApiToken } from './host/web/request-guard';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

/**
 * `npm run dev`: the same storage API as `npm run web`, served by the Vite dev server itself, behind
 * the same DNS-rebinding guard (loopback Host, own Origin, per-launch token in the page).
 */
function storageApi(): Plugin {
  const token = newApiToken();
  return {
    name: 'outage-lab-storage-api',
    // Dev server only: a token baked into the build would be public and stale.
    apply: 'serve',
    transformIndexHtml: (html) => injectToken(html, token),
    configureServer(server) {
      const storage = createStorage({
        host: 'web',
        version,
        builtinScenarioDir: path.resolve('scenarios'),
        dataDir: process.env.OUTAGE_LAB_DATA_DIR ?? path.join(os.homedir(), '.outage-lab'),
      });
      server.middlewares.use((req, res, next) => {
        const address = server.httpServer?.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        const api = (req.url ?? '').startsWith('/api/');
        const verdict = checkRequest(req, { port, token, requireToken: api });
        if (!verdict.ok) {
          res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify({ error: verdict.reason }));
          return;
        }
        void handleApi(storage, req, res).then((handled) => {
          if (!handled) next();
        });
      });
    },
  };
}

/** The <meta> CSP in index.html: the dev server's hot-reload socket is allowed in `vite` dev only. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'outage-lab-csp',
    transformIndexHtml: { order: 'pre', handler: (html, ctx) => injectCsp(html, ctx.server !== undefined) },
  };
}

export default defineConfig({
  root: 'renderer',
  // Relative asset URLs so the same build loads from app://outage-lab/ in Electron and from the web server.
  base: './',
  plugins: [react(), storageApi(), contentSecurityPolicy()],
  define: { __APP_VERSION__: JSON.stringify(version) },
  worker: { format: 'es' },
  build: { outDir: '../dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { port: 5173, host: '127.0.0.1' },
});
