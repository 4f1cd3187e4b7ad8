// Finds the Electron binary, or explains in one sentence why there is none.
// package.json denies electron's install script (npm `allowScripts`) so that `npm install` never
// depends on the internet; `npm start` runs the download here, once, when the binary is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function binaryPath() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/** @returns {{ binary?: string; reason?: string }} */
export function findElectron({ download = false } = {}) {
  let packageDir;
  try {
    packageDir = require.resolve('electron/package.json').replace(/package\.json$/, '');
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  let binary = binaryPath();
  if (!binary && download) {
    console.log('Downloading the Electron binary...');
    spawnSync(process.execPath, [`${packageDir}install.js`], { stdio: 'ignore', timeout: 300_000 });
    binary = binaryPath();
  }
  return binary
    ? { binary }
    : { reason: 'the Electron binary is not installed (its download needs the internet)' };
}
