/** Starts an alert-coverage check in a Web Worker; on this thread where Workers do not exist (unit tests). */
// Types only: the checker (the PromQL evaluator, the YAML parser) loads in the worker, or on
// demand for the fallback, not with the debrief.
import type { CoverageReply, CoverageRequest } from './alert-coverage';

export function checkCoverageInWorker(request: CoverageRequest, signal: AbortSignal): Promise<CoverageReply> {
  const here = () => import('./alert-coverage').then((m) => m.checkCoverage(request));
  if (typeof Worker === 'undefined') return here();
  let worker: Worker;
  try {
    worker = new Worker(new URL('./coverage.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return here();
  }
  return new Promise((resolve, reject) => {
    const stop = () => {
      worker.terminate();
      reject(new DOMException('The check was cancelled.', 'AbortError'));
    };
    signal.addEventListener('abort', stop, { once: true });
    worker.onmessage = (event: MessageEvent<CoverageReply>) => {
      signal.removeEventListener('abort', stop);
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      signal.removeEventListener('abort', stop);
      worker.terminate();
      reject(new Error(event.message || 'the alert-coverage worker failed'));
    };
    worker.postMessage(request);
  });
}
