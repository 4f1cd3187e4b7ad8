import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../../cli/main';
import { capture } from '../../../cli/testing';
import { loadBuiltin } from '../../../simulator/test-support/builtin-run';
import { summarizeCheck } from '../../../simulator/check/report';
import { checkSeed } from '../../../simulator/check/seed-run';
import { checkSeedsInPool, checkWorkerCount, type SeedWorker } from './seed-check';
import { checkSeedsInWorkers, inThreadWorker } from './seed-check-client';

const FILE = 'bad-deploy-rollback.json';
const scenario = loadBuiltin(FILE);
/** A built-in with 3% noise on a client: its runs draw random numbers, so every seed is played. */
const noisy = loadBuiltin('alert-storm.json');

describe('Check over seeds (editor)', () => {
  it('reports exactly what `outage-lab check` reports, on a pool of two workers', async () => {
    const cli = capture();
    const path = join(fileURLToPath(new URL('../../../scenarios/', import.meta.url)), FILE);
    expect(await main(['check', path, '--seeds', '4', '--jobs', '2', '--json'], cli.io)).toBe(0);
    const progress: number[] = [];
    const report = await checkSeedsInPool(scenario, 4, {
      spawn: inThreadWorker,
      workers: 2,
      onProgress: (done) => progress.push(done),
    });
    expect(report).toEqual(JSON.parse(cli.out.join('')).reports[0]);
    // bad-deploy-rollback draws no random number: seed 1 answers the other three
    expect(progress).toEqual([4]);
  }, 120_000);

  /** Seeds the pool sent to its workers, in order. */
  const countingPool = () => {
    const played: number[] = [];
    const spawn = (): SeedWorker => {
      const w = inThreadWorker();
      const post = w.postMessage.bind(w);
      w.postMessage = (message) => {
        if (message.type === 'seed') played.push(message.seed);
        post(message);
      };
      return w;
    };
    return { played, spawn };
  };
  const playEverySeed = (s: typeof scenario, seeds: number) =>
    summarizeCheck(
      s.id,
      Array.from({ length: seeds }, (_, k) => checkSeed(s, k + 1)),
    );

  it('plays a noise-free scenario once: seed 1 answers every seed, the same report as playing them all', async () => {
    const pool = countingPool();
    const progress: number[] = [];
    const report = await checkSeedsInPool(scenario, 6, {
      spawn: pool.spawn,
      workers: 3,
      onProgress: (done) => progress.push(done),
    });
    expect(pool.played).toEqual([1]);
    expect(progress).toEqual([6]);
    expect(report.seedIndependent).toBe(true);
    expect(report).toEqual(playEverySeed(scenario, 6));
  }, 120_000);

  it('plays every seed of a noisy scenario, the same report as playing them all', async () => {
    const pool = countingPool();
    const report = await checkSeedsInPool(noisy, 4, { spawn: pool.spawn, workers: 2 });
    expect([...pool.played].sort()).toEqual([1, 2, 3, 4]);
    expect(pool.played[0]).toBe(1);
    expect(report.seedIndependent).toBe(false);
    expect(report).toEqual(playEverySeed(noisy, 4));
  }, 180_000);

  it('stops every worker when cancelled, and rejects with an AbortError', async () => {
    const terminated: boolean[] = [];
    const controller = new AbortController();
    const spawn = (): SeedWorker => {
      const w = inThreadWorker();
      const k = terminated.push(false) - 1;
      const stop = w.terminate;
      w.terminate = () => {
        terminated[k] = true;
        stop();
      };
      return w;
    };
    const run = checkSeedsInPool(noisy, 50, {
      spawn,
      workers: 3,
      onProgress: (done) => done === 2 && controller.abort(),
      signal: controller.signal,
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(terminated).toEqual([true, true, true]);
  }, 60_000);

  it('fails with the seed when a worker throws', async () => {
    const broken = { ...scenario, nodes: [] } as unknown as typeof scenario;
    await expect(checkSeedsInPool(broken, 2, { spawn: inThreadWorker, workers: 1 })).rejects.toThrow(
      /seed 1/,
    );
  });

  it('runs on this thread where no Worker exists, and sizes the pool by cores (capped)', async () => {
    const report = await checkSeedsInWorkers(scenario, 1, () => {}, new AbortController().signal);
    expect(report.seeds).toBe(1);
    expect(checkWorkerCount(50, 2)).toBe(2);
    expect(checkWorkerCount(50, 16)).toBe(4);
    expect(checkWorkerCount(3, 16)).toBe(3);
    expect(checkWorkerCount(50, undefined)).toBe(2);
  }, 60_000);
});
