/** The fuzzer's seed inputs from disk: the built-in scenarios and run records naming one of them. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FuzzSeeds } from '../simulator/fuzz/harness';
import { seedRunRecords } from '../simulator/fuzz/seeds';

const dir = fileURLToPath(new URL('../scenarios/', import.meta.url));

export function loadFuzzSeeds(): FuzzSeeds {
  const scenarios = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json')
    .sort()
    .map((f) => JSON.parse(readFileSync(dir + f, 'utf8')) as unknown);
  return { scenarios, runRecords: seedRunRecords('bad-deploy-rollback', 'orders', 'orders-db') };
}
