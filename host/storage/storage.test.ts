import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageError } from '../api';
import { createStorage } from './storage';
import { checkFileName } from './safe-name';
import { startRunRecord } from '../../simulator/runs/record';

let root: string;
let builtin: string;
let data: string;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'outage-lab-storage-'));
  builtin = path.join(root, 'builtin');
  data = path.join(root, 'data');
  await fs.mkdir(builtin, { recursive: true });
  await fs.writeFile(path.join(builtin, 'a.json'), '{"id":"a"}');
  await fs.writeFile(path.join(builtin, 'scenario.schema.json'), '{}');
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** A valid scenario's text (storage refuses invalid ones). */
const scenarioText = () => fs.readFile(path.join('scenarios', 'thread-exhaustion.json'), 'utf8');
const run = (id: string) =>
  startRunRecord({
    id,
    scenarioId: 's',
    scenarioHash: 'h',
    scenarioTitle: 'S',
    seed: 1,
    startedAt: '2026-12-02T12:00:00.000Z',
  });

const make = (writeOptions?: Parameters<typeof createStorage>[0]['writeOptions']) =>
  createStorage({ host: 'web', version: 'test', builtinScenarioDir: builtin, dataDir: data, writeOptions });

describe('file names', () => {
  it.each([
    ['../x.json', 'path separators'],
    ['..json', 'path separators'],
    ['/etc/passwd', 'path separators'],
    ['C:\\evil.json', 'path separators'],
    ['a\0.json', 'NUL'],
    ['.hidden.json', 'must be letters'],
    ['notes.txt', 'end in ".json"'],
    ['', 'must be letters'],
  ])('rejects %j with a clear sentence', (name, fragment) => {
    expect(() => checkFileName(name)).toThrow(StorageError);
    expect(() => checkFileName(name)).toThrow(fragment);
  });

  it('rejects non-strings', () => {
    expect(() => checkFileName(42)).toThrow('File name must be a string.');
  });

  it('accepts plain names', () => {
    expect(checkFileName('redis-queue_fills.v2.json')).toBe('redis-queue_fills.v2.json');
  });
});

describe('scenarios', () => {
  it('lists built-in and user scenarios, skipping the schema and temp files', async () => {
    const storage = make();
    const text = await scenarioText();
    await storage.writeScenario('mine.json', text);
    await fs.writeFile(path.join(data, 'scenarios', '.mine.json.1.1.tmp'), 'partial');
    const list = await storage.listScenarios();
    expect(list.map((s) => `${s.source}/${s.file}`)).toEqual(['builtin/a.json', 'user/mine.json']);
    expect(list[1]?.text).toBe(text);
  });

  it('refuses traversal on read and write, and writes nothing outside the folder', async () => {
    const storage = make();
    await expect(storage.readScenario('builtin', '../data/x.json')).rejects.toThrow('path separators');
    await expect(storage.writeScenario('../../escape.json', '{}')).rejects.toThrow(StorageError);
    await expect(storage.writeScenario(path.join(root, 'abs.json'), '{}')).rejects.toThrow(StorageError);
    await expect(fs.access(path.join(root, 'escape.json'))).rejects.toThrow();
    await expect(storage.readScenario('system' as never, 'a.json')).rejects.toThrow('"builtin" or "user"');
  });

  it('reports a missing scenario as not-found', async () => {
    await expect(make().readScenario('user', 'nope.json')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('keeps the old file when a write is interrupted before the rename', async () => {
    const old = await scenarioText();
    await make().writeScenario('s.json', old);
    const crashing = make({
      beforeRename: () => {
        throw new Error('power cut');
      },
    });
    await expect(crashing.writeScenario('s.json', `${old}\n`)).rejects.toThrow('power cut');
    expect(await fs.readFile(path.join(data, 'scenarios', 's.json'), 'utf8')).toBe(old);
    expect((await fs.readdir(path.join(data, 'scenarios'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('changes the stamp when a user scenario is added', async () => {
    const storage = make();
    const before = await storage.scenariosStamp();
    await storage.writeScenario('new.json', await scenarioText());
    expect(await storage.scenariosStamp()).not.toBe(before);
  });
});

describe('run records', () => {
  it('round-trips a record', async () => {
    const storage = make();
    await storage.writeRun('run-1.json', run('run-1'));
    expect((await storage.readRun('run-1.json')).data).toEqual(run('run-1'));
  });

  it('reports a corrupt record without deleting it, and still lists the others', async () => {
    const storage = make();
    await storage.writeRun('good.json', run('good'));
    await fs.writeFile(path.join(data, 'runs', 'bad.json'), '{"id": "bad", "sc');
    const runs = await storage.listRuns();
    expect(runs.map((r) => r.file)).toEqual(['bad.json', 'good.json']);
    expect(runs[0]?.error).toMatch(/bad\.json is not valid JSON .*kept/);
    expect(runs[1]?.data).toEqual(run('good'));
    expect(await fs.readFile(path.join(data, 'runs', 'bad.json'), 'utf8')).toBe('{"id": "bad", "sc');
  });

  it('refuses values that cannot be saved as JSON', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(make().writeRun('c.json', cyclic)).rejects.toThrow('nested more than');
    await expect(make().writeRun('u.json', undefined)).rejects.toThrow('empty');
  });

  it('lists nothing when the folders do not exist yet', async () => {
    expect(await make().listRuns()).toEqual([]);
  });
});

describe('Windows reserved names', () => {
  it.each([
    'CON.json',
    'con.json',
    'NUL.json',
    'nul.backup.json',
    'PRN.json',
    'Aux.json',
    'COM1.json',
    'com9.x.json',
    'LPT1.json',
    'lpt9.json',
  ])('refuses %s on every platform (the data folder may move to Windows)', (name) => {
    expect(() => checkFileName(name)).toThrow(StorageError);
    expect(() => checkFileName(name)).toThrow('reserved on Windows');
  });

  it.each(['console.json', 'COM10.json', 'LPT0.json', 'nullable.json', 'a-con.json', 'com.json'])(
    'accepts %s',
    (name) => {
      expect(checkFileName(name)).toBe(name);
    },
  );
});
