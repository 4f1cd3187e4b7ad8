import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStorage } from './storage';
import { syncUserSchema, USER_SCHEMA_FILE } from './user-schema';

let root: string;
let builtin: string;
let data: string;
let userDir: string;
const SCHEMA = '{\n  "title": "Outage Lab scenario v2"\n}\n';
/** A valid scenario (storage validates what it writes): a built-in with another id. */
const SCENARIO = readFileSync(
  new URL('../../scenarios/redis-queue-fills.json', import.meta.url),
  'utf8',
).replace(/"id": "[^"]+"/, '"id": "mine"');

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'outage-lab-user-schema-'));
  builtin = path.join(root, 'builtin');
  data = path.join(root, 'data');
  userDir = path.join(data, 'scenarios');
  await fs.mkdir(builtin, { recursive: true });
  await fs.writeFile(path.join(builtin, 'a.json'), '{"id":"a"}');
  await fs.writeFile(path.join(builtin, USER_SCHEMA_FILE), SCHEMA);
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const make = () =>
  createStorage({ host: 'web', version: 'test', builtinScenarioDir: builtin, dataDir: data });
const userSchema = () => fs.readFile(path.join(userDir, USER_SCHEMA_FILE), 'utf8');

describe('scenario.schema.json in the user scenario folder', () => {
  it('is written next to the first scenario the editor saves, as the app ships it', async () => {
    await make().writeScenario('mine.json', SCENARIO);
    expect(await userSchema()).toBe(SCHEMA);
    // it is not a scenario
    const list = await make().listScenarios();
    expect(list.map((s) => `${s.source}/${s.file}`)).toEqual(['builtin/a.json', 'user/mine.json']);
  });

  it('is kept current: a stale copy is replaced on save and when the library first loads', async () => {
    await fs.mkdir(userDir, { recursive: true });
    await fs.writeFile(path.join(userDir, USER_SCHEMA_FILE), '{"title":"old"}');
    await make().listScenarios();
    expect(await userSchema()).toBe(SCHEMA);

    await fs.writeFile(path.join(userDir, USER_SCHEMA_FILE), '{"title":"old"}');
    await make().writeScenario('mine.json', SCENARIO);
    expect(await userSchema()).toBe(SCHEMA);
  });

  it('leaves a current copy untouched, and creates no folder for a user without scenarios', async () => {
    expect(await syncUserSchema(builtin, userDir)).toEqual({ status: 'no-folder' });
    await expect(fs.access(userDir)).rejects.toThrow();
    await fs.mkdir(userDir, { recursive: true });
    expect(await syncUserSchema(builtin, userDir)).toEqual({ status: 'written' });
    expect(await syncUserSchema(builtin, userDir)).toEqual({ status: 'current' });
  });

  it('never fails a save: without a shipped schema the scenario is still written', async () => {
    await fs.rm(path.join(builtin, USER_SCHEMA_FILE));
    await make().writeScenario('mine.json', SCENARIO);
    expect(await fs.readFile(path.join(userDir, 'mine.json'), 'utf8')).toBe(SCENARIO);
    await expect(fs.access(path.join(userDir, USER_SCHEMA_FILE))).rejects.toThrow();
    const result = await syncUserSchema(builtin, userDir);
    expect(result.status).toBe('failed');
    expect(result).toMatchObject({ reason: expect.stringContaining(USER_SCHEMA_FILE) });
  });
});
