/// <reference lib="webworker" />
/** One worker of the editor's "Check over seeds" pool: a scenario once, then seeds, one outcome each. */
import { seedCheckHandler, type SeedCheckRequest } from './seed-check';

const handle = seedCheckHandler();

self.onmessage = (event: MessageEvent<SeedCheckRequest>) => {
  const reply = handle(event.data);
  if (reply) self.postMessage(reply);
};
