/**
 * The cheapest-3x search (simulator/drill/search.ts) in a Web Worker: dozens of headroom ladders
 * would freeze the page for seconds. Falls back to the UI thread where Workers do not exist.
 */
import type { Drill } from '../../simulator/drill/schema';
import { cheapestToGoal, type SearchResult } from '../../simulator/drill/search';

export function findIdeal(drill: Drill): Promise<SearchResult> {
  if (typeof Worker === 'undefined') return Promise.resolve(cheapestToGoal(drill));
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./drill-ideal.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<SearchResult | { error: string }>) => {
      worker.terminate();
      if ('error' in event.data) reject(new Error(event.data.error));
      else resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the search worker failed'));
    };
    worker.postMessage(drill);
  });
}
