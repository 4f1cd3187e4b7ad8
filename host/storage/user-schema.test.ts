import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStorage } from './storage';
import { syncUserSchema, syncUserSchemas, USER_DRILL_SCHEMA_FILE, USER_SCHEMA_FILE } from './user-schema';

let root: string;
let builtin: string;
let data: string;
let userDir: string;
const SCHEMA = '{\n  "title": "Outage Lab scenario v2"\n}\n';
const DRILL_SCHEMA = '{\n  "title": "Outage Lab readiness drill"\n}\n';
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
  // Where the app ships it: beside the built-in drills.
  await fs.mkdir(path.join(builtin, 'drills'));
  await fs.writeFile(path.join(builtin, 'drills', USER_DRILL_SCHEMA_FILE), DRILL_SCHEMA);
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const make = () =>
  createStorage({ host: 'web', version: 'test', builtinScenarioDir: builtin, dataDir: data });
const userSchema = () => fs.readFile(path.join(userDir, USER_SCHEMA_FILE), 'utf8');
const userDrillSchema = () => fs.readFile(path.join(userDir, USER_DRILL_SCHEMA_FILE), 'utf8');

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

describe('drill.schema.json in the user scenario folder', () => {
  it('is written beside the scenario schema on the first save, and is not a scenario', async () => {
    await make().writeScenario('mine.json', SCENARIO);
    expect(await userDrillSchema()).toBe(DRILL_SCHEMA);
    expect(await userSchema()).toBe(SCHEMA);
    const list = await make().listScenarios();
    expect(list.map((s) => `${s.source}/${s.file}`)).toEqual(['builtin/a.json', 'user/mine.json']);
  });

  it('is kept current when the library first loads (an app update)', async () => {
    await fs.mkdir(userDir, { recursive: true });
    await fs.writeFile(path.join(userDir, USER_DRILL_SCHEMA_FILE), '{"title":"old"}');
    await make().listScenarios();
    expect(await userDrillSchema()).toBe(DRILL_SCHEMA);
  });

  it('is copied on its own: a missing scenario schema does not stop it, nor it the other', async () => {
    await fs.mkdir(userDir, { recursive: true });
    await fs.rm(path.join(builtin, USER_SCHEMA_FILE));
    const results = await syncUserSchemas(builtin, userDir);
    expect(results[USER_DRILL_SCHEMA_FILE]).toEqual({ status: 'written' });
    expect(results[USER_SCHEMA_FILE]).toMatchObject({ status: 'failed' });
    expect(await userDrillSchema()).toBe(DRILL_SCHEMA);

    await fs.writeFile(path.join(builtin, USER_SCHEMA_FILE), SCHEMA);
    await fs.rm(path.join(builtin, 'drills', USER_DRILL_SCHEMA_FILE));
    const again = await syncUserSchemas(builtin, userDir);
    expect(again[USER_SCHEMA_FILE]).toEqual({ status: 'written' });
    expect(again[USER_DRILL_SCHEMA_FILE]).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining(USER_DRILL_SCHEMA_FILE) as string,
    });
  });
});
