// Installs dependencies when node_modules is missing or older than package-lock.json, so that
// `npm start`, `npm run web` and `npm test` work on a fresh clone with no step before them.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, statSync } from 'node:fs';

const marker = 'node_modules/.package-lock.json';
const lock = 'package-lock.json';
// A symlinked node_modules is shared with another checkout (a git worktree): reinstalling here
// would empty the other one's, and a fresh checkout's lock file is always newer than the marker.
const shared = existsSync('node_modules') && lstatSync('node_modules').isSymbolicLink();
const stale =
  !shared && (!existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs));
if (stale) {
  console.log('Installing dependencies (node_modules is missing or older than package-lock.json)...');
  const result = spawnSync('npm', [existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    console.error('Installing dependencies failed; see the npm output above.');
    process.exit(result.status ?? 1);
  }
}
