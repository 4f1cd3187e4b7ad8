import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nested } from '../../simulator/json-depth';
import { startRunRecord, type RunRecord } from '../../simulator/runs/record';
import { StorageError } from '../api';
import { MAX_FILE_BYTES } from './limits';
import { createStorage } from './storage';

let root: string;
let data: string;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'outage-lab-limits-'));
  data = path.join(root, 'data');
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
    dataDir: data,
  });

const record = (): RunRecord =>
  startRunRecord({
    id: 'r-1',
    scenarioId: 'thread-exhaustion',
    scenarioHash: 'abc',
    scenarioTitle: 'Thread exhaustion',
    seed: 1,
    startedAt: '2026-12-02T12:00:00.000Z',
  });

const files = async (sub: string) => fs.readdir(path.join(data, sub)).catch(() => [] as string[]);

describe('run records are validated before anything is written', () => {
  it('refuses a small, deeply nested body instead of writing a huge re-indented file', async () => {
    // 5,000 levels: about 30 KB as sent; re-indented it was hundreds of MB.
    const deep = { ...record(), steps: [{ at: 1, kind: 'note', text: 'x', extra: nested(5000) }] };
    const error = await make()
      .writeRun('r-1.json', deep)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe('bad-argument');
    expect((error as Error).message).toContain('steps[0].extra.a.a');
    expect(await files('runs')).toEqual([]);
  });

  it('refuses anything that is not a run record, with the JSON path of each problem', async () => {
    await expect(make().writeRun('x.json', { id: 'x', score: 80 })).rejects.toThrow(/formatVersion/);
    await expect(make().writeRun('x.json', { ...record(), simTime: -1 })).rejects.toThrow(/simTime/);
    expect(await files('runs')).toEqual([]);
  });

  it('refuses a record whose file would exceed the limit (counted in bytes), and writes nothing', async () => {
    // 2-byte characters: under the limit in characters, over it in bytes.
    const big = { ...record(), steps: [{ at: 1, kind: 'note', text: 'é'.repeat(MAX_FILE_BYTES / 2 + 10) }] };
    await expect(make().writeRun('big.json', big)).rejects.toThrow(/larger than 5 MiB/);
    expect(await files('runs')).toEqual([]);
  });

  it('can read back any record it saved, up to the shared limit', async () => {
    const storage = make();
    const base = `${JSON.stringify({ ...record(), steps: [{ at: 1, kind: 'note', text: '' }] }, null, 2)}\n`;
    const room = MAX_FILE_BYTES - Buffer.byteLength(base);
    const fits = { ...record(), steps: [{ at: 1, kind: 'note', text: 'x'.repeat(room) }] };
    await storage.writeRun('fits.json', fits);
    expect((await fs.stat(path.join(data, 'runs', 'fits.json'))).size).toBe(MAX_FILE_BYTES);
    const back = await storage.readRun('fits.json');
    expect(back.error).toBeUndefined();
    expect(back.data).toEqual(fits);
  });
});

describe('scenarios are validated before anything is written', () => {
  const valid = () => fs.readFile(path.join('scenarios', 'thread-exhaustion.json'), 'utf8');

  it('writes a valid scenario byte for byte', async () => {
    const text = await valid();
    await make().writeScenario('t.json', text);
    expect(await fs.readFile(path.join(data, 'scenarios', 't.json'), 'utf8')).toBe(text);
  });

  it('refuses an invalid scenario with its JSON paths, and writes nothing', async () => {
    const json = JSON.parse(await valid()) as Record<string, unknown>;
    await expect(make().writeScenario('t.json', JSON.stringify({ ...json, nodes: 'x' }))).rejects.toThrow(
      /nodes/,
    );
    await expect(make().writeScenario('t.json', '{"id": ')).rejects.toThrow(StorageError);
    expect(await files('scenarios')).toEqual([]);
  });

  it('refuses a deeply nested scenario with the path where it gets too deep', async () => {
    // Built as text: JSON.stringify itself overflows the stack on 5,000 levels.
    const deep = `${'{"type":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const text = (await valid()).replace(/^\{/, `{"notes": ${deep},`);
    await expect(make().writeScenario('t.json', text)).rejects.toThrow('notes.type.type');
    expect(await files('scenarios')).toEqual([]);
  });

  it('counts the size in bytes, not characters', async () => {
    const text = `{"title": "${'é'.repeat(MAX_FILE_BYTES / 2 + 10)}"}`;
    expect(text.length).toBeLessThan(MAX_FILE_BYTES);
    await expect(make().writeScenario('t.json', text)).rejects.toThrow(/larger than 5 MiB/);
    expect(await files('scenarios')).toEqual([]);
  });
});
