/// <reference lib="webworker" />
/** Runs a drill's load tests off the UI thread (drill-test-client.ts). */
import { answerTest, type TestRequest } from './drill-test-run';

self.onmessage = (event: MessageEvent<TestRequest>) =>
  answerTest(event.data, (reply) => self.postMessage(reply));
