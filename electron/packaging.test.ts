/**
 * The desktop package's configuration, checked without the Electron binary: electron-builder's
 * own schema validation, the metadata the deb target needs, the fuses, the dependency classes
 * (what the renderer bundle imports ships as a dependency; electron never does) and the icons.
 * `npm run check:package` goes further and runs electron-builder --dir with a stand-in binary.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file));
const pkg = JSON.parse(read('package.json').toString('utf8')) as {
  name: string;
  main: string;
  homepage?: string;
  author?: { name?: string; email?: string } | string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  build: {
    files: string[];
    electronFuses?: Record<string, boolean>;
    linux?: { maintainer?: string };
    directories?: { buildResources?: string };
    extraResources: { from: string; to: string; filter: string[] }[];
  };
};

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema validation', async () => {
    // electron-builder's validator (app-builder-lib and builder-util come with electron-builder).
    const require = createRequire(import.meta.url);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(pkg.build, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...pkg.build, electronFuses: { runAsNod: false } }, new DebugLogger(false)),
    ).rejects.toThrow(/electronFuses/);
  });

  it('has the homepage and maintainer e-mail the deb target requires', () => {
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(typeof pkg.author === 'object' && pkg.author.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    expect(pkg.build.linux?.maintainer).toMatch(/<[^@\s]+@[^@\s]+>$/);
  });

  it('sets the security fuses', () => {
    expect(pkg.build.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // The app loads from app://, so file:// pages need none of their extra privileges.
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the bundles and no node_modules', () => {
    expect(pkg.build.files).toEqual(
      expect.arrayContaining(['dist/**', 'dist-electron/**', '!**/node_modules/**']),
    );
    expect(pkg.main).toMatch(/^dist-electron\//);
  });
});

describe('built-in scenario resources', () => {
  it('ship the incident scenarios and both JSON Schemas the user folder gets a copy of', () => {
    // electron-builder's own matcher over the real scenarios folder, as `extraResources` runs it.
    const require = createRequire(import.meta.url);
    const { FileMatcher } = require('app-builder-lib/out/fileMatcher.js') as {
      FileMatcher: new (
        from: string,
        to: string,
        expand: (s: string) => string,
        patterns: string[],
      ) => { createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean };
    };
    const resource = pkg.build.extraResources[0]!;
    expect(resource).toMatchObject({ from: 'scenarios', to: 'scenarios' });
    const from = path.join(root, resource.from);
    const accepts = new FileMatcher(from, resource.to, (s) => s, resource.filter).createFilter();
    const shipped = (relative: string, dir = false) =>
      accepts(path.join(from, relative), { isDirectory: () => dir });
    for (const file of readdirSync(from).filter((f) => f.endsWith('.json')))
      expect(shipped(file), file).toBe(true);
    expect(shipped('drills', true)).toBe(true);
    expect(shipped('drills/drill.schema.json')).toBe(true);
    // The built-in drills are bundled into the renderer (drill-library.ts), not read from here.
    expect(shipped('drills/checkout-before-sale.json')).toBe(false);
    expect(shipped('run-digest.test.ts')).toBe(false);
  });
});

describe('dependency classes', () => {
  it('keeps electron a devDependency (electron-builder bundles dependencies and optionals)', () => {
    expect(pkg.devDependencies.electron).toBeDefined();
    expect(pkg.dependencies.electron).toBeUndefined();
    expect(pkg.optionalDependencies?.electron).toBeUndefined();
  });

  it('makes every package the renderer bundle imports a dependency, in package.json and the lock', () => {
    const imported = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const file = `${dir}/${entry.name}`;
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
          const source = read(file).toString('utf8');
          for (const match of source.matchAll(/^import (?!type )[^'"]*['"]([^.'"][^'"]*)['"]/gm)) {
            const spec = match[1] as string;
            if (spec.startsWith('node:')) continue;
            imported.add(
              spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string),
            );
          }
        }
      }
    };
    walk('renderer');
    expect([...imported]).toEqual(
      expect.arrayContaining(['react', 'recharts', 'uplot', 'zustand', '@xyflow/react']),
    );
    const lock = JSON.parse(read('package-lock.json').toString('utf8')) as {
      packages: Record<
        string,
        { dev?: boolean; devOptional?: boolean; dependencies?: Record<string, string> }
      >;
    };
    for (const name of imported) {
      expect(pkg.dependencies[name], name).toBeDefined();
      expect(lock.packages['']?.dependencies?.[name], `${name} in package-lock.json`).toBeDefined();
      expect(
        lock.packages[`node_modules/${name}`]?.dev,
        `${name} flagged dev in package-lock.json`,
      ).toBeUndefined();
    }
    expect(lock.packages['node_modules/electron']?.dev).toBe(true);
  });
});

describe('icons', () => {
  const dir = pkg.build.directories?.buildResources ?? 'build';

  it('has a 512 px PNG for Linux', () => {
    const png = read(`${dir}/icon.png`);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it('has a 256 px ICO for Windows', () => {
    const ico = read(`${dir}/icon.ico`);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect([ico[6], ico[7]]).toEqual([0, 0]); // 0 means 256
    const offset = ico.readUInt32LE(18);
    expect(ico.subarray(offset + 1, offset + 4).toString('ascii')).toBe('PNG');
    expect(offset + ico.readUInt32LE(14)).toBe(ico.length);
  });

  it('has an ICNS for macOS with 256, 512 and 1024 px images', () => {
    const icns = read(`${dir}/icon.icns`);
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4))
      types.push(icns.subarray(at, at + 4).toString());
    expect(types).toEqual(['ic08', 'ic09', 'ic10']);
  });
});
