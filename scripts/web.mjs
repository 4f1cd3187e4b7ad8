// `npm run web`: build the renderer and the server, then serve on loopback (default port 5178).
import { spawnSync } from 'node:child_process';

const run = (args) => {
  const result = spawnSync('npm', args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run(['run', '--silent', 'build']);
const server = spawnSync(process.execPath, ['dist-node/web.mjs', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(server.status ?? 0);
