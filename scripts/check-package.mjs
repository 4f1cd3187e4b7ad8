// `npm run check:package`: runs electron-builder for real (`--linux --dir`) without the
// Electron binary, which cannot be downloaded everywhere: a stand-in "Electron" (a tiny file
// carrying the fuse wire Electron's binary has) lets it copy, pack the asar and flip the fuses.
// Then checks what a release would ship: the fuses as configured, the app files in app.asar and
// no node_modules (main, preload and renderer are bundles), the built-in scenarios. Needs
// `npm run build` first. The release build (`npm run dist`) still needs the real binary.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron 39's fuse wire: version 1, 8 fuses, in @electron/fuses' FuseV1Options order.
const FUSES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
];
const ELECTRON_DEFAULTS = '10110001';

const problems = [];
const check = (ok, message) => {
  if (!ok) problems.push(message);
};

for (const built of ['dist/index.html', 'dist-electron/main.cjs', 'dist-electron/preload.cjs']) {
  if (!existsSync(built)) {
    console.error(`${built} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const { version: electronVersion } = require('electron/package.json');
const work = mkdtempSync(path.join(os.tmpdir(), 'outage-lab-package-'));
try {
  const fakeDist = path.join(work, 'electron');
  mkdirSync(path.join(fakeDist, 'resources'), { recursive: true });
  const binaryName = 'electron';
  writeFileSync(
    path.join(fakeDist, binaryName),
    Buffer.concat([
      Buffer.from(`stand-in Electron ${electronVersion}\n${SENTINEL}`),
      Buffer.from([1, 8]),
      Buffer.from(ELECTRON_DEFAULTS),
    ]),
  );
  chmodSync(path.join(fakeDist, binaryName), 0o755);
  writeFileSync(path.join(fakeDist, 'LICENSE'), 'stand-in');
  writeFileSync(path.join(fakeDist, 'version'), electronVersion);

  const out = path.join(work, 'release');
  const result = spawnSync(
    process.execPath,
    [
      require.resolve('electron-builder/cli.js'),
      '--linux',
      '--dir',
      '--publish',
      'never',
      `-c.electronDist=${fakeDist}`,
      `-c.electronVersion=${electronVersion}`,
      `-c.directories.output=${out}`,
    ],
    { encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } },
  );
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    console.error('electron-builder --dir failed (output above).');
    process.exit(1);
  }

  // The Linux layout on every OS: the stand-in is not a macOS .app bundle.
  const root = path.join(out, 'linux-unpacked');
  const resources = path.join(root, 'resources');

  // Fuses: read the wire back from the packaged binary (renamed to the executable name).
  const packaged = readFileSync(path.join(root, pkg.build.linux?.executableName ?? pkg.name));
  const at = packaged.indexOf(SENTINEL) + SENTINEL.length;
  const wire = packaged.subarray(at + 2, at + 2 + FUSES.length).toString('ascii');
  FUSES.forEach((fuse, i) => {
    const wanted = pkg.build.electronFuses?.[fuse];
    if (wanted !== undefined)
      check(wire[i] === (wanted ? '1' : '0'), `fuse ${fuse} is ${wire[i]}, configured ${wanted}`);
  });
  // Off in the packaged binary, not just configured: runAsNode, and the extra privileges of
  // file:// pages (the app loads from app://, electron/app-protocol.ts).
  for (const fuse of ['runAsNode', 'grantFileProtocolExtraPrivileges']) {
    check(pkg.build.electronFuses?.[fuse] === false, `the ${fuse} fuse is not configured off`);
    check(wire[FUSES.indexOf(fuse)] === '0', `the ${fuse} fuse is not off in the packaged binary`);
  }

  // app.asar: header is a pickled JSON tree (uint32 sizes at 0, 4, 8 and 12, JSON from 16).
  const asar = readFileSync(path.join(resources, 'app.asar'));
  const header = JSON.parse(asar.subarray(16, 16 + asar.readUInt32LE(12)).toString('utf8'));
  const files = [];
  const walk = (node, prefix) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const full = `${prefix}${name}`;
      if (child.files) walk(child, `${full}/`);
      else files.push(full);
    }
  };
  walk(header, '');
  for (const needed of [
    'package.json',
    'dist/index.html',
    'dist-electron/main.cjs',
    'dist-electron/preload.cjs',
  ]) {
    check(files.includes(needed), `app.asar lacks ${needed}`);
  }
  check(
    !files.some((file) => file.startsWith('node_modules/')),
    'app.asar contains node_modules (the bundles need none)',
  );
  const scenarios = readdirSync(path.join(resources, 'scenarios')).filter((name) => name.endsWith('.json'));
  check(scenarios.length > 0, 'no built-in scenarios in resources/scenarios');
  // Copied into the user's scenario folder for VS Code completion (host/storage/user-schema.ts).
  for (const schema of ['scenario.schema.json', 'drills/drill.schema.json'])
    check(existsSync(path.join(resources, 'scenarios', schema)), `no ${schema} in resources/scenarios`);

  if (problems.length > 0) {
    console.error(`Package check failed:\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
  console.log(
    `Package check passed: electron-builder --dir (Electron ${electronVersion}), ${files.length} files in app.asar ` +
      `(${(asar.length / 1e6).toFixed(1)} MB, no node_modules), ${scenarios.length} scenarios, fuses as configured.`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
