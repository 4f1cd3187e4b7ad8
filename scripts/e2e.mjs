// `npm run test:e2e`: find a Chromium (CHROMIUM_PATH, Debian's /usr/bin/chromium, or Playwright's
// own, installing it when none is there), build the app, run the Playwright suite.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findElectron } from './electron-binary.mjs';

const sh = (cmd, args, env = process.env) =>
  spawnSync(cmd, args, { stdio: 'inherit', env, shell: process.platform === 'win32' }).status ?? 1;

async function playwrightChromium() {
  try {
    const { chromium } = await import('@playwright/test');
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

let browser =
  process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
if (!browser && !(await playwrightChromium())) {
  console.log("No Chromium found; installing Playwright's Chromium...");
  if (sh('npx', ['playwright', 'install', 'chromium']) !== 0 || !(await playwrightChromium())) {
    console.error(
      'No browser for the e2e tests: install Chromium (Debian: `apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium binary.',
    );
    process.exit(1);
  }
}
const electron = findElectron();
if (!electron.binary) console.log(`Electron e2e skipped: ${electron.reason}.`);

if (sh('npm', ['run', '--silent', 'build']) !== 0) process.exit(1);
const env = { ...process.env, ...(browser ? { CHROMIUM_PATH: browser } : {}) };
process.exit(sh('npx', ['playwright', 'test', ...process.argv.slice(2)], env));
