/// <reference lib="webworker" />
/** Runs the cheapest-3x search for the drill it is sent (drill-ideal-client.ts). */
import type { Drill } from '../../simulator/drill/schema';
import { cheapestToGoal } from '../../simulator/drill/search';

self.onmessage = (event: MessageEvent<Drill>) => {
  try {
    self.postMessage(cheapestToGoal(event.data));
  } catch (e) {
    self.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
};
