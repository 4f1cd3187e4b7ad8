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

const built = await Promise.all([
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
    metafile: true,
  }),
]);

// The preload only forwards calls (main validates): it must not pull in zod or any package.
const PRELOAD_MAX_BYTES = 16 * 1024;
const preload = built.at(-1);
const preloadOut = preload.metafile.outputs['dist-electron/preload.cjs'];
const packages = Object.keys(preload.metafile.inputs).filter((input) => input.includes('node_modules'));
console.log(
  `dist-electron/preload.cjs: ${preloadOut.bytes} bytes from ${Object.keys(preloadOut.inputs).length} files`,
);
if (packages.length > 0 || preloadOut.bytes > PRELOAD_MAX_BYTES) {
  console.error(
    `The preload must stay a small forwarder (at most ${PRELOAD_MAX_BYTES} bytes, no packages); it bundles ${packages.join(', ') || 'too much'}.`,
  );
  process.exit(1);
}
