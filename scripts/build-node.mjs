// Bundles the Node-side entry points with esbuild: the web server, the CLI (and its check
// worker), and Electron's main and preload scripts (CommonJS, as Electron's sandboxed preload
// requires).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const define = { __APP_VERSION__: JSON.stringify(version) };
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  define,
  logLevel: 'warning',
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['host/web/entry.ts'],
    outfile: 'dist-node/web.mjs',
    format: 'esm',
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: ['cli/entry.ts'],
    outfile: 'dist-node/cli.mjs',
    format: 'esm',
    packages: 'external',
  }),
  // `outage-lab check` runs seeds on worker threads from this file, next to cli.mjs.
  build({
    ...common,
    entryPoints: ['cli/check-worker.ts'],
    outfile: 'dist-node/check-worker.mjs',
    format: 'esm',
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: 'dist-electron/main.cjs',
    format: 'cjs',
    external: ['electron'],
  }),
  build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist-electron/preload.cjs',
    format: 'cjs',
    external: ['electron'],
  }),
]);
