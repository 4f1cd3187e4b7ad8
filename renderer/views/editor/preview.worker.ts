/// <reference lib="webworker" />
/** Runs the editor's preview off the UI thread: one message in (a parsed scenario), one out. */
import type { Scenario } from '../../../simulator/scenario/schema';
import { runPreview, type PreviewResult } from './preview';

export type PreviewReply = { ok: true; result: PreviewResult } | { ok: false; error: string };

self.onmessage = (event: MessageEvent<Scenario>) => {
  let reply: PreviewReply;
  try {
    reply = { ok: true, result: runPreview(event.data) };
  } catch (error) {
    reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(reply);
};
