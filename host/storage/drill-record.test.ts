import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drillRunRecord, type DrillRunRecord } from '../../simulator/drill/record';
import { DrillSession } from '../../simulator/drill/session';
import { builtinDrill } from '../../simulator/test-support/drills';
import { createStorage } from './storage';

let root: string;
beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'outage-lab-drill-record-'));
  await fs.mkdir(path.join(root, 'builtin'), { recursive: true });
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const make = () =>
  createStorage({
    host: 'web',
    version: 'test',
    builtinScenarioDir: path.join(root, 'builtin'),
    dataDir: path.join(root, 'data'),
  });

function record(): DrillRunRecord {
  const session = new DrillSession(builtinDrill('otp-sms-login-surge.json'));
  return drillRunRecord(session, session.finish(), {
    id: 'drill-1',
    drillHash: 'h',
    startedAt: '2026-12-03T10:00:00.000Z',
    endedAt: '2026-12-03T10:05:00.000Z',
  });
}

describe('drill records in the runs folder', () => {
  it('are saved beside the runs and listed back as written', async () => {
    const storage = make();
    // With the save order the renderer's web client adds to every save.
    const saved = { ...record(), saveOrder: { session: 'page-1', seq: 3, sentAt: 1_700_000_000_000 } };
    await storage.writeRun('drill-1.json', saved);
    const listed = await storage.listRuns();
    expect(listed.map((f) => [f.file, f.error])).toEqual([['drill-1.json', undefined]]);
    expect(listed[0]!.data).toEqual(saved);
  });

  it('are refused when damaged, with the path, and nothing is written', async () => {
    const storage = make();
    await expect(storage.writeRun('bad.json', { ...record(), monthly: 'a lot' })).rejects.toThrow(
      /The drill record is damaged at monthly/,
    );
    expect(await storage.listRuns()).toEqual([]);
  });
});
