import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRunRecord, type RunRecord } from '../../simulator/runs/record';
import { createStorage } from './storage';

let root: string;
beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'outage-lab-order-'));
  await fs.mkdir(path.join(root, 'builtin'));
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const save = (seq: number, session = 'page-1', sentAt = 1_000 + seq): RunRecord => ({
  ...startRunRecord({
    id: 'r',
    scenarioId: 's',
    scenarioHash: 'h',
    scenarioTitle: 'S',
    seed: 1,
    startedAt: '2026-12-02T12:00:00.000Z',
  }),
  simTime: seq,
  saveOrder: { session, seq, sentAt },
});

const make = (beforeRename?: (temp: string) => Promise<void>) =>
  createStorage({
    host: 'web',
    version: 'test',
    builtinScenarioDir: path.join(root, 'builtin'),
    dataDir: path.join(root, 'data'),
    writeOptions: { beforeRename },
  });

const stored = async (storage: ReturnType<typeof make>) =>
  ((await storage.readRun('r.json')).data as RunRecord).simTime;

describe('run saves: the last sent wins, not the last to finish', () => {
  it('ignores a save older than the stored one from the same page', async () => {
    const storage = make();
    await storage.writeRun('r.json', save(2));
    await storage.writeRun('r.json', save(1));
    expect(await stored(storage)).toBe(2);
  });

  it('keeps the newest of 20 concurrent saves whatever order they finish in', async () => {
    // The newest save finishes its write first, the oldest last: "last to finish" would keep 1.
    const storage = make(async (temp) => {
      const seq = Number(/\.(\d+)\.tmp$/.exec(temp)?.[1] ?? 0);
      await sleep(Math.max(0, 40 - 2 * (seq % 20)));
    });
    const order = [5, 20, 1, 13, 2, 19, 7, 3, 11, 18, 4, 9, 17, 6, 15, 8, 12, 16, 10, 14];
    await Promise.all(order.map((seq) => storage.writeRun('r.json', save(seq))));
    expect(await stored(storage)).toBe(20);
  });

  it('accepts a later save from another page (a resumed run) whatever its number', async () => {
    const storage = make();
    await storage.writeRun('r.json', save(50, 'page-1', 5_000));
    await storage.writeRun('r.json', save(1, 'page-2', 9_000));
    expect(await stored(storage)).toBe(1);
  });

  it('ignores a save first sent before the stored one from another page (a save kept over a reload)', async () => {
    // Page 1 queued seq 5 at t=1000 and was reloaded; meanwhile another tab saved at t=2000.
    const storage = make();
    await storage.writeRun('r.json', save(1, 'tab-2', 2_000));
    await storage.writeRun('r.json', save(5, 'page-1', 1_000));
    expect(await stored(storage)).toBe(1);
  });

  it('accepts any save when either side has no send time (records saved before it existed)', async () => {
    const storage = make();
    await storage.writeRun('r.json', save(1, 'tab-2', 2_000));
    await storage.writeRun('r.json', { ...save(5, 'page-1'), saveOrder: { session: 'page-1', seq: 5 } });
    expect(await stored(storage)).toBe(5);
  });
});
