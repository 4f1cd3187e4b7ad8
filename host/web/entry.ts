/** Bundled to dist-node/web.mjs; the app root (scenarios/, dist/) is the folder above it. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from './main';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const code = await main(process.argv.slice(2), appRoot);
if (code !== 0) process.exit(code);
