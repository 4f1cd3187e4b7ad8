// `npm start`: build, then open the Electron app; without the Electron binary, say so and exit.
import { spawnSync } from 'node:child_process';
import { findElectron } from './electron-binary.mjs';

const electron = findElectron({ download: true });
if (!electron.binary) {
  console.error(
    `Cannot open the desktop app: ${electron.reason}; run \`npm run web\` to use Outage Lab in your browser instead.`,
  );
  process.exit(1);
}
const build = spawnSync('npm', ['run', '--silent', 'build'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (build.status !== 0) process.exit(build.status ?? 1);
const app = spawnSync(electron.binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(app.status ?? 0);
