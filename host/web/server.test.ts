import http from 'node:http';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRunRecord } from '../../simulator/runs/record';
import { createStorage } from '../storage/storage';
import { API_TOKEN_HEADER } from './request-guard';
import { startWebServer } from './server';

let root: string;
let server: Awaited<ReturnType<typeof startWebServer>>;
let port: number;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'outage-lab-web-'));
  const staticDir = path.join(root, 'dist');
  await fs.mkdir(path.join(root, 'builtin'), { recursive: true });
  await fs.mkdir(staticDir, { recursive: true });
  await fs.writeFile(
    path.join(staticDir, 'index.html'),
    '<!doctype html><html><head><title>t</title></head><body></body></html>',
  );
  const storage = createStorage({
    host: 'web',
    version: 'test',
    builtinScenarioDir: path.join(root, 'builtin'),
    dataDir: path.join(root, 'data'),
  });
  server = await startWebServer({ storage, staticDir, port: 0 });
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server.close();
  await fs.rm(root, { recursive: true, force: true });
});

interface Answer {
  status: number;
  body: string;
}

/** node:http, not fetch: fetch may not set Host, and the point is to send a forged one. */
function call(
  method: string,
  urlPath: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path: urlPath, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const auth = () => ({ [API_TOKEN_HEADER]: server.token });

describe('web server: DNS rebinding and the per-launch token', () => {
  it('prints a token of 32 random bytes in hex, different per launch', () => {
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('carries the token in the served page', async () => {
    for (const p of ['/', '/index.html', '/history']) {
      const page = await call('GET', p);
      expect(page.status).toBe(200);
      expect(page.body).toContain(`<meta name="outage-lab-token" content="${server.token}"`);
    }
  });

  it.each(['127.0.0.1', 'localhost', '[::1]'])('accepts Host %s with the token', async (name) => {
    const answer = await call('GET', '/api/info', { ...auth(), host: `${name}:${port}` });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ host: 'web' });
  });

  it('accepts the app’s own Origin', async () => {
    const answer = await call('GET', '/api/runs', { ...auth(), origin: `http://127.0.0.1:${port}` });
    expect(answer.status).toBe(200);
  });

  it.each([
    'evil.example:' + String(0),
    'evil.example',
    '127.0.0.1.evil.example',
    '127.0.0.1',
    'localhost:1',
  ])('refuses a foreign Host (%s) on the API and on the page', async (hostHeader) => {
    const host = hostHeader.replace(':0', `:${port}`);
    const api = await call('GET', '/api/runs', { ...auth(), host });
    expect(api.status).toBe(403);
    expect(JSON.parse(api.body)).toEqual({ error: expect.stringContaining('Host') });
    // The page carries the token, so a rebinding page must not be able to read it either.
    const page = await call('GET', '/', { host });
    expect(page.status).toBe(403);
    expect(page.body).not.toContain(server.token);
  });

  it('refuses a foreign Origin, and writes nothing', async () => {
    const answer = await call(
      'PUT',
      '/api/scenarios/user/x.json',
      { ...auth(), origin: 'http://evil.example:' + String(port) },
      '{}',
    );
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toEqual({ error: expect.stringContaining('Origin') });
    await expect(fs.access(path.join(root, 'data', 'scenarios', 'x.json'))).rejects.toThrow();
  });

  it('refuses an API call without the token', async () => {
    const answer = await call('GET', '/api/runs');
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toEqual({ error: expect.stringContaining('token') });
  });

  it('refuses an API call with a wrong token, including one of another length', async () => {
    for (const token of ['0'.repeat(64), 'short', `${server.token}0`]) {
      const answer = await call('PUT', '/api/scenarios/user/y.json', { [API_TOKEN_HEADER]: token }, '{}');
      expect(answer.status).toBe(403);
    }
    await expect(fs.access(path.join(root, 'data', 'scenarios', 'y.json'))).rejects.toThrow();
  });
});

describe('web server: run saves, the last sent wins', () => {
  const run = (simTime: number, session: string, seq: number, sentAt: number) =>
    JSON.stringify({
      ...startRunRecord({
        id: 'order',
        scenarioId: 's',
        scenarioHash: 'h',
        scenarioTitle: 'S',
        seed: 1,
        startedAt: '2026-12-02T12:00:00.000Z',
      }),
      simTime,
      saveOrder: { session, seq, sentAt },
    });
  const put = (body: string) => call('PUT', '/api/runs/order.json', auth(), body);

  it('keeps another tab’s newer save over a save retried after a reload with its first send time', async () => {
    expect((await put(run(120, 'tab-2', 1, 2_000))).status).toBe(200);
    // Sent first at t=1000 by a page that was reloaded since: accepted, and ignored.
    expect((await put(run(60, 'page-1', 7, 1_000))).status).toBe(200);
    const read = await call('GET', '/api/runs/order.json', auth());
    expect((JSON.parse(read.body) as { data: { simTime: number } }).data.simTime).toBe(120);
  });
});
