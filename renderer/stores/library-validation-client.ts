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
import { workerRequests } from './worker-requests';

const validation = workerRequests<Omit<ValidationRequest, 'id'>, ValidationReply, LibraryValidation[]>(
  () => new Worker(new URL('./library-validation.worker.ts', import.meta.url), { type: 'module' }),
  (reply) => (reply.ok ? { value: reply.results } : { error: reply.error }),
  'the validation worker',
);
let inThread: ValidationCache | undefined;

export function validateLibraryFiles(files: readonly FileToValidate[]): Promise<LibraryValidation[]> {
  const answer = validation.send({ files });
  if (answer) return answer;
  inThread ??= new ValidationCache();
  const cache = inThread;
  return Promise.resolve().then(() => cache.validateAll(files));
}
