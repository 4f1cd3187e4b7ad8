/**
 * The preload against a mocked `electron` module: what it exposes, what it sends, and what it
 * refuses before anything crosses IPC (too large for storage's one limit). The bundle check
 * proves the preload ships without zod: main validates, the preload only forwards.
 */
import { build } from 'esbuild';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopApi } from '../host/desktop-api';
import { MAX_FILE_BYTES } from '../host/storage/limits';

type Invoke = (...args: unknown[]) => Promise<unknown>;

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: undefined as unknown as import('vitest').Mock<Invoke>,
}));

vi.mock('electron', async () => {
  const { vi: v } = await import('vitest');
  fake.invoke = v.fn<Invoke>(async () => ({ ok: true, value: undefined }));
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
    ipcRenderer: { invoke: (...args: unknown[]) => fake.invoke(...args) },
  };
  return { ...electron, default: electron };
});

let api: DesktopApi;
beforeAll(async () => {
  await import('./preload');
  api = fake.exposed.get('outageLab') as DesktopApi;
});
beforeEach(() => fake.invoke.mockClear());

describe('preload', () => {
  it('exposes one object that forwards each call to its channel', async () => {
    expect([...fake.exposed.keys()]).toEqual(['outageLab']);
    expect(api.host).toBe('electron');
    await api.readRun('r.json');
    await api.writeRun('r.json', { id: 'r' });
    expect(fake.invoke.mock.calls).toEqual([
      ['storage:readRun', 'r.json'],
      ['storage:writeRun', 'r.json', { id: 'r' }],
    ]);
  });

  it('turns a refusal from main into an Error with main’s sentence', async () => {
    fake.invoke.mockResolvedValueOnce({ ok: false, error: 'Refused: nope.' });
    await expect(api.listRuns()).rejects.toThrow('Refused: nope.');
  });

  it('refuses a run record larger than storage’s limit before it crosses IPC', async () => {
    const big = { id: 'r', steps: ['x'.repeat(MAX_FILE_BYTES)] };
    await expect(api.writeRun('r.json', big)).rejects.toThrow(/larger than 5 MiB .*not sent/);
    expect(fake.invoke).not.toHaveBeenCalled();
  });

  it('measures a scenario in bytes, not characters', async () => {
    // 3 Mi characters, 6 MiB of UTF-8: under a character count, over the byte limit.
    const text = 'é'.repeat(3 * 1024 * 1024);
    await expect(api.writeScenario('s.json', text)).rejects.toThrow(/larger than 5 MiB/);
    expect(fake.invoke).not.toHaveBeenCalled();
    await api.writeScenario('s.json', 'é'.repeat(1000));
    expect(fake.invoke).toHaveBeenCalledTimes(1);
  });

  it('refuses a run record that cannot be serialized (a cycle) with a sentence', async () => {
    const cyclic: Record<string, unknown> = { id: 'r' };
    cyclic.self = cyclic;
    await expect(api.writeRun('r.json', cyclic)).rejects.toThrow(/cannot be saved/);
    expect(fake.invoke).not.toHaveBeenCalled();
  });
});

describe('preload bundle', () => {
  it('carries no zod and stays small', async () => {
    const result = await build({
      entryPoints: [path.join(__dirname, 'preload.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => input.includes('node_modules'))).toEqual([]);
    const bytes = result.outputFiles[0]!.contents.length;
    console.log(`preload bundle: ${bytes} bytes, from ${inputs.join(', ')}`);
    expect(bytes).toBeLessThan(16 * 1024);
  });
});
