import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { removeStaleTempFiles, STALE_TEMP_MS } from './atomic-write';
import { createStorage } from './storage';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'outage-lab-temp-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function touch(name: string, ageMs: number): Promise<string> {
  const full = path.join(dir, name);
  await fs.writeFile(full, 'partial');
  const when = new Date(Date.now() - ageMs);
  await fs.utimes(full, when, when);
  return full;
}

describe('stale temp files from killed writes', () => {
  it('removes old temp files and keeps fresh ones (a write in progress) and everything else', async () => {
    await touch('.run-1.json.4242.7.tmp', STALE_TEMP_MS + 60_000);
    await touch('.run-2.json.4242.8.tmp', 1_000);
    await touch('run-3.json', STALE_TEMP_MS + 60_000);
    await touch('notes.tmp', STALE_TEMP_MS + 60_000);
    expect(await removeStaleTempFiles(dir)).toBe(1);
    expect((await fs.readdir(dir)).sort()).toEqual(['.run-2.json.4242.8.tmp', 'notes.tmp', 'run-3.json']);
  });

  it('ignores a folder that does not exist yet', async () => {
    expect(await removeStaleTempFiles(path.join(dir, 'nope'))).toBe(0);
  });

  it('runs when storage starts, in the scenario and run folders', async () => {
    const runs = path.join(dir, 'runs');
    const scenarios = path.join(dir, 'scenarios');
    await fs.mkdir(runs);
    await fs.mkdir(scenarios);
    const old = new Date(Date.now() - STALE_TEMP_MS - 60_000);
    for (const full of [path.join(runs, '.a.json.1.1.tmp'), path.join(scenarios, '.b.json.1.2.tmp')]) {
      await fs.writeFile(full, 'x'.repeat(1000));
      await fs.utimes(full, old, old);
    }
    createStorage({ host: 'web', version: 'test', builtinScenarioDir: dir, dataDir: dir });
    await vi.waitFor(async () => {
      expect([...(await fs.readdir(runs)), ...(await fs.readdir(scenarios))]).toEqual([]);
    });
  });
});
