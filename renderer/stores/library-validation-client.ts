/**
 * The library's validation in one long-lived Web Worker (so a large or hostile file never freezes
 * the page, and the worker's cache survives between folder changes). Falls back to the UI thread,
 * with its own cache, where Workers do not exist (unit tests) or cannot start.
 */
import type { LibraryValidation } from './library-drill-check';
import {
  ValidationCache,
  type FileToValidate,
  type ValidationReply,
  type ValidationRequest,
} from './library-validation';

type Pending = { resolve: (results: LibraryValidation[]) => void; reject: (error: Error) => void };

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();
let inThread: ValidationCache | undefined;

function startWorker(): Worker | undefined {
  if (typeof Worker === 'undefined') return undefined;
  try {
    const started = new Worker(new URL('./library-validation.worker.ts', import.meta.url), {
      type: 'module',
    });
    started.onmessage = (event: MessageEvent<ValidationReply>) => {
      const reply = event.data;
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (!waiting) return;
      if (reply.ok) waiting.resolve(reply.results);
      else waiting.reject(new Error(reply.error));
    };
    started.onerror = (event) => {
      // A dead worker fails what it was doing; the next call starts a fresh one.
      const error = new Error(event.message || 'the validation worker failed');
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
      started.terminate();
      if (worker === started) worker = undefined;
    };
    return started;
  } catch {
    return undefined;
  }
}

export function validateLibraryFiles(files: readonly FileToValidate[]): Promise<LibraryValidation[]> {
  worker ??= startWorker();
  if (!worker) {
    inThread ??= new ValidationCache();
    const cache = inThread;
    return Promise.resolve().then(() => cache.validateAll(files));
  }
  const request: ValidationRequest = { id: nextId++, files };
  const target = worker;
  return new Promise((resolve, reject) => {
    pending.set(request.id, { resolve, reject });
    target.postMessage(request);
  });
}
