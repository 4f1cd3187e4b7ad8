import { afterEach, describe, expect, it } from 'vitest';
import { workerRequests } from './worker-requests';

/** A stand-in Worker: records what is posted; the test plays the worker's side. */
class Fake {
  static started: Fake[] = [];
  posted: { id: number; n: number }[] = [];
  terminated = false;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message: string }) => void) | null = null;
  constructor() {
    Fake.started.push(this);
  }
  postMessage(m: { id: number; n: number }): void {
    this.posted.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(data: unknown): void {
    this.onmessage?.({ data });
  }
}

type Reply =
  { id: number; progress: number } | { id: number; doubled: number } | { id: number; error: string };
const client = () =>
  workerRequests<{ n: number }, Reply, number>(
    () => new Fake() as unknown as Worker,
    (r) => ('progress' in r ? r : 'doubled' in r ? { value: r.doubled } : { error: r.error }),
    'the test worker',
  );

const g = globalThis as { Worker?: unknown };
afterEach(() => {
  delete g.Worker;
  Fake.started = [];
});

describe('workerRequests', () => {
  it('without Workers there is nothing to send to: the caller works in-thread', () => {
    expect(client().send({ n: 1 })).toBeUndefined();
  });

  it('matches replies to requests by id, reporting progress before the value', async () => {
    g.Worker = Fake;
    const c = client();
    const seen: number[] = [];
    const a = c.send({ n: 1 }, (p) => seen.push(p))!;
    const b = c.send({ n: 2 })!;
    const w = Fake.started[0]!;
    expect(Fake.started).toHaveLength(1);
    expect(w.posted).toEqual([
      { id: 1, n: 1 },
      { id: 2, n: 2 },
    ]);
    w.reply({ id: 2, doubled: 4 });
    w.reply({ id: 1, progress: 0.5 });
    w.reply({ id: 1, doubled: 2 });
    expect(await a).toBe(2);
    expect(await b).toBe(4);
    expect(seen).toEqual([0.5]);
  });

  it('a reply with an error rejects its request; a dead worker fails the rest and is replaced', async () => {
    g.Worker = Fake;
    const c = client();
    const a = c.send({ n: 1 })!;
    const b = c.send({ n: 2 })!;
    const w = Fake.started[0]!;
    w.reply({ id: 1, error: 'bad input' });
    await expect(a).rejects.toThrow('bad input');
    w.onerror?.({ message: '' });
    await expect(b).rejects.toThrow('the test worker failed');
    expect(w.terminated).toBe(true);
    c.send({ n: 3 });
    expect(Fake.started).toHaveLength(2);
  });
});
