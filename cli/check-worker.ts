/**
 * Worker thread of `outage-lab check`: receives a scenario once, then seeds to run, and answers
 * each seed with its outcome. Bundled to dist-node/check-worker.mjs; run through tsx in development.
 */
import { parentPort } from 'node:worker_threads';
import { checkSeed, seedBuffers } from '../simulator/check/seed-run';
import type { Scenario } from '../simulator/scenario/schema';
import type { CheckRequest, CheckResponse } from './check-pool';

const scenarios = new Map<string, Scenario>();
// Reused by every seed this worker runs (reset, not reallocated).
const buffers = seedBuffers();

parentPort?.on('message', (msg: CheckRequest) => {
  if (msg.type === 'scenario') {
    scenarios.set(msg.key, msg.scenario);
    return;
  }
  const scenario = scenarios.get(msg.key);
  let reply: CheckResponse;
  try {
    if (!scenario) throw new Error(`no scenario ${msg.key} in this worker`);
    reply = { type: 'outcome', key: msg.key, outcome: checkSeed(scenario, msg.seed, buffers) };
  } catch (e) {
    reply = {
      type: 'error',
      key: msg.key,
      seed: msg.seed,
      message: e instanceof Error ? e.message : String(e),
    };
  }
  parentPort?.postMessage(reply);
});
