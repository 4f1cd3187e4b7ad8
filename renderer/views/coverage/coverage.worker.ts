/// <reference lib="webworker" />
/** Runs one alert-coverage check off the UI thread (a long scenario takes seconds). */
import { checkCoverage, type CoverageReply, type CoverageRequest } from './alert-coverage';

self.onmessage = (event: MessageEvent<CoverageRequest>) => {
  let reply: CoverageReply;
  try {
    reply = checkCoverage(event.data);
  } catch (error) {
    reply = { ok: false, problems: [{ file: '', path: '', message: (error as Error).message }] };
  }
  self.postMessage(reply);
};
