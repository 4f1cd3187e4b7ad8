/**
 * The storage API over HTTP JSON, mirroring the Electron preload object one call per route.
 * Every argument is validated by the storage module (file names, sources) before touching disk.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StorageError, type StorageApi } from '../api';
import { MAX_FILE_BYTES, MAX_FILE_LABEL } from '../storage/limits';

/** No body larger than a file storage would accept (see limits.ts). */
const MAX_BODY_BYTES = MAX_FILE_BYTES;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new StorageError(`Request body is larger than ${MAX_FILE_LABEL}.`, 'bad-argument');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function statusFor(error: unknown): number {
  if (error instanceof StorageError)
    return error.code === 'not-found' ? 404 : error.code === 'bad-argument' ? 400 : 500;
  return 500;
}

/** Handles `/api/*`; returns false for other paths so static serving can take them. */
export async function handleApi(
  storage: StorageApi,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith('/api/')) return false;
  const parts = url.pathname
    .slice('/api/'.length)
    .split('/')
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return '\0invalid';
      }
    });
  const method = req.method ?? 'GET';
  try {
    const [resource, a, b] = parts;
    if (method === 'GET' && resource === 'info' && parts.length === 1)
      return (send(res, 200, await storage.info()), true);
    if (resource === 'scenarios') {
      if (method === 'GET' && parts.length === 1)
        return (send(res, 200, await storage.listScenarios()), true);
      if (method === 'GET' && a === 'stamp' && parts.length === 2)
        return (send(res, 200, await storage.scenariosStamp()), true);
      if (method === 'GET' && parts.length === 3)
        return (send(res, 200, await storage.readScenario(a as never, b ?? '')), true);
      if (method === 'PUT' && a === 'user' && parts.length === 3) {
        await storage.writeScenario(b ?? '', await readBody(req));
        return (send(res, 200, { ok: true }), true);
      }
    }
    if (resource === 'runs') {
      if (method === 'GET' && parts.length === 1) return (send(res, 200, await storage.listRuns()), true);
      if (method === 'GET' && parts.length === 2)
        return (send(res, 200, await storage.readRun(a ?? '')), true);
      if (method === 'PUT' && parts.length === 2) {
        const body = await readBody(req);
        let data: unknown;
        try {
          data = JSON.parse(body);
        } catch {
          throw new StorageError('Run record must be sent as JSON.', 'bad-argument');
        }
        await storage.writeRun(a ?? '', data);
        return (send(res, 200, { ok: true }), true);
      }
    }
    send(res, 404, { error: `No API route for ${method} ${url.pathname}.` });
  } catch (error) {
    const message =
      error instanceof StorageError ? error.message : 'The server could not complete the request.';
    if (!(error instanceof StorageError)) console.error(error);
    send(res, statusFor(error), { error: message });
  }
  return true;
}
