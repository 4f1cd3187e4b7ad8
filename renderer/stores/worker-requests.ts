/**
 * Requests to one long-lived Web Worker, matched to their replies by id (the drill's load tests,
 * the library's validation). A reply reports progress on a request or settles it. A dead worker
 * fails what it was running, and the next request starts a fresh one. Where Workers do not exist
 * (unit tests) or one cannot start, `send` answers undefined and the caller works in-thread.
 */

/** What a worker's reply means for its request. */
export type Settled<T> = { readonly progress: number } | { readonly value: T } | { readonly error: string };

export interface WorkerRequests<Body, T> {
  /** Starts the worker ahead of the first request (loading the engine into it takes a moment). */
  warm(): void;
  /** Posts `{ id, ...body }`; undefined where there is no worker to post it to. */
  send(body: Body, onProgress?: (done: number) => void): Promise<T> | undefined;
}

interface Waiting<T> {
  readonly resolve: (value: T) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress?: (done: number) => void;
}

/**
 * `start` is the `new Worker(new URL('./x.worker.ts', import.meta.url), ...)` call, written where
 * the bundler can see it; `read` says what a reply means; `name` names the worker in errors.
 */
export function workerRequests<Body extends object, Reply extends { readonly id: number }, T>(
  start: () => Worker,
  read: (reply: Reply) => Settled<T>,
  name: string,
): WorkerRequests<Body, T> {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, Waiting<T>>();

  function startWorker(): Worker | undefined {
    if (typeof Worker === 'undefined') return undefined;
    try {
      const started = start();
      started.onmessage = (event: MessageEvent<Reply>) => {
        const waiting = pending.get(event.data.id);
        if (!waiting) return;
        const settled = read(event.data);
        if ('progress' in settled) return waiting.onProgress?.(settled.progress);
        pending.delete(event.data.id);
        if ('value' in settled) waiting.resolve(settled.value);
        else waiting.reject(new Error(settled.error));
      };
      started.onerror = (event) => {
        const error = new Error(event.message || `${name} failed`);
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

  return {
    warm() {
      worker ??= startWorker();
    },
    send(body, onProgress) {
      worker ??= startWorker();
      const target = worker;
      if (!target) return undefined;
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve, reject, ...(onProgress ? { onProgress } : {}) });
        target.postMessage({ id, ...body });
      });
    },
  };
}
