import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_PAGE, appProtocolHandler, mimeTypeOf } from './app-protocol';

let root: string;
let dist: string;
let handle: (request: Request) => Promise<Response>;
const POLICY = "default-src 'self'";

beforeAll(() => {
  // dist/ beside a secret: what a traversal would try to read.
  root = mkdtempSync(path.join(os.tmpdir(), 'outage-lab-protocol-'));
  dist = path.join(root, 'dist');
  mkdirSync(path.join(dist, 'assets'), { recursive: true });
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(path.join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(dist, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(path.join(dist, 'assets', 'worker-x.js'), 'self.onmessage=()=>{}');
  writeFileSync(path.join(dist, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(path.join(dist, 'assets', 'blob.xyz'), 'x');
  writeFileSync(path.join(root, 'secret.json'), '{"secret":true}');
  handle = appProtocolHandler(dist, POLICY);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('app:// protocol', () => {
  it('serves the app page with its type, the CSP and nosniff', async () => {
    expect(APP_PAGE).toBe('app://outage-lab/index.html');
    for (const url of [APP_PAGE, 'app://outage-lab/', 'app://outage-lab', `${APP_PAGE}?x=1#trainee=a`]) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain('<title>app</title>');
    }
  });

  it('answers each asset with its MIME type', async () => {
    const types: Record<string, string> = {
      'assets/index-abc.js': 'text/javascript; charset=utf-8',
      'assets/worker-x.js': 'text/javascript; charset=utf-8',
      'assets/index-abc.css': 'text/css; charset=utf-8',
      'assets/logo.svg': 'image/svg+xml',
      'assets/blob.xyz': 'application/octet-stream',
    };
    for (const [file, type] of Object.entries(types)) {
      const response = await get(`app://outage-lab/${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type'), file).toBe(type);
    }
    expect(mimeTypeOf('x.WOFF2')).toBe('font/woff2');
    expect(mimeTypeOf('x.wasm')).toBe('application/wasm');
  });

  it('answers 404 for unknown files and directories', async () => {
    for (const url of ['app://outage-lab/nope.html', 'app://outage-lab/assets/', 'app://outage-lab/assets']) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(POLICY);
    }
  });

  it('never serves a file outside dist/, however the path is spelt', async () => {
    for (const url of [
      'app://outage-lab/../secret.json',
      'app://outage-lab/assets/../../secret.json',
      'app://outage-lab/%2e%2e/secret.json',
      'app://outage-lab/..%2Fsecret.json',
      'app://outage-lab/%2E%2E%2Fsecret.json',
      'app://outage-lab/assets%2F..%2F..%2Fsecret.json',
      'app://outage-lab/..%5Csecret.json',
      `app://outage-lab/${encodeURIComponent(path.join(root, 'secret.json'))}`,
      'app://outage-lab/index.html%00.js',
      'app://outage-lab/%E0%A4%A',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('secret');
    }
  });

  it('serves only its own host, and reads only', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://outage-lab.evil/index.html')).status).toBe(404);
    expect((await get(APP_PAGE, 'POST')).status).toBe(405);
    const head = await get(APP_PAGE, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
