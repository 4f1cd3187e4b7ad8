#!/usr/bin/env node
// The headless CLI. Runs the bundled build (dist-node/cli.mjs, made by `npm run build`), or the
// TypeScript sources through tsx in a development checkout that has not been built yet.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist-node/cli.mjs', import.meta.url));
if (existsSync(built)) {
  await import(built);
} else {
  const { tsImport } = await import('tsx/esm/api');
  await tsImport('../cli/entry.ts', import.meta.url);
}
