/** Starts a preview in a Web Worker (one per run); falls back to the UI thread without Worker. */
import type { Scenario } from '../../../simulator/scenario/schema';
import { runPreview, type PreviewResult } from './preview';
import type { PreviewReply } from './preview.worker';

export function previewInWorker(scenario: Scenario): Promise<PreviewResult> {
  if (typeof Worker === 'undefined') return Promise.resolve().then(() => runPreview(scenario));
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./preview.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      resolve(runPreview(scenario));
      return;
    }
    worker.onmessage = (event: MessageEvent<PreviewReply>) => {
      worker.terminate();
      if (event.data.ok) resolve(event.data.result);
      else reject(new Error(event.data.error));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the preview worker failed'));
    };
    worker.postMessage(scenario);
  });
}
