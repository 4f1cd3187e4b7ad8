import http from 'node:http';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRunRecord } from '../../simulator/runs/record';
import { API_TOKEN_HEADER } from '../api';
import { startWebServer } from '../web/server';
import { createStorage } from './storage';

let root: string;
let runs: string;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'outage-lab-deep-'));
  runs = path.join(root, 'data', 'runs');
  await fs.mkdir(path.join(root, 'builtin'), { recursive: true });
  await fs.mkdir(path.join(root, 'dist'), { recursive: true });
  await fs.writeFile(path.join(root, 'dist', 'index.html'), '<html><head></head></html>');
  await fs.mkdir(runs, { recursive: true });
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

/** A 10 KB-class run file nested 5,000 deep, written straight to disk (as a damaged or planted file). */
const deepText = `{"formatVersion":2,"steps":${'['.repeat(5000)}${']'.repeat(5000)}}`;

async function seed(): Promise<void> {
  const storage = make();
  await storage.writeRun(
    'a-good.json',
    startRunRecord({
      id: 'a-good',
      scenarioId: 's',
      scenarioHash: 'h',
      scenarioTitle: 'S',
      seed: 1,
      startedAt: '2026-12-02T12:00:00.000Z',
    }),
  );
  await fs.writeFile(path.join(runs, 'b-deep.json'), deepText);
}

describe('one deep run file marks only itself', () => {
  it('lists it as unreadable with its reason, and the other runs still list', async () => {
    await seed();
    const list = await make().listRuns();
    expect(list.map((r) => r.file)).toEqual(['a-good.json', 'b-deep.json']);
    expect(list[0]?.data).toMatchObject({ id: 'a-good' });
    expect(list[1]?.data).toBeUndefined();
    expect(list[1]?.error).toMatch(/b-deep\.json is nested more than 64 levels deep at steps\[0\]\[0\]/);
    // The file stays on disk as it was.
    expect(await fs.readFile(path.join(runs, 'b-deep.json'), 'utf8')).toBe(deepText);
  });

  it('keeps /api/runs answering 200 over HTTP', async () => {
    await seed();
    const server = await startWebServer({ storage: make(), staticDir: path.join(root, 'dist'), port: 0 });
    try {
      const body = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        http
          .get(`${server.url}/api/runs`, { headers: { [API_TOKEN_HEADER]: server.token } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
            );
          })
          .on('error', reject);
      });
      expect(body.status).toBe(200);
      const list = JSON.parse(body.text) as { file: string; error?: string }[];
      expect(list.map((r) => [r.file, r.error === undefined])).toEqual([
        ['a-good.json', true],
        ['b-deep.json', false],
      ]);
    } finally {
      await server.close();
    }
  });
});
