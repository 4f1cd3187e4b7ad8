import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { finishRunRecord, startRunRecord, type RunRecord } from '../../simulator/runs/record';
import { PENDING_SAVES_KEY, SaveQueue, type SaveQueueOptions } from './save-queue';

/** A Storage over a Map: what survives a "reload" is what is in it. */
function memoryStorage() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

function record(id = 'dns-1', simTime = 60): RunRecord {
  return {
    ...startRunRecord({
      id,
      scenarioId: 'dns',
      scenarioHash: 'fnv1a64:0',
      scenarioTitle: 'DNS',
      seed: 1,
      startedAt: '2026-01-01T00:00:00.000Z',
    }),
    simTime,
  };
}

const ended = (r: RunRecord) =>
  finishRunRecord(
    { ...r, steps: [{ kind: 'acknowledge', at: 30 }] },
    { status: 'abandoned', endedAt: '2026-01-01T00:10:00.000Z', simTime: 600 },
  );

/** A host whose writes fail while `down` is true; `saved` is what it took, in order. */
function fakeHost() {
  const host = {
    down: true,
    saved: [] as RunRecord[],
    calls: 0,
    write: vi.fn(async (_file: string, r: RunRecord) => {
      host.calls += 1;
      if (host.down) throw new Error('The server answered 503.');
      host.saved.push(r);
    }),
  };
  return host;
}

let queues: SaveQueue[] = [];
function queue(options: SaveQueueOptions) {
  const q = new SaveQueue(options);
  queues.push(q);
  return q;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  for (const q of queues) q.dispose();
  queues = [];
  vi.useRealTimers();
});

describe('SaveQueue', () => {
  it('saves straight through when the host takes it, and keeps nothing', async () => {
    const host = fakeHost();
    host.down = false;
    const storage = memoryStorage();
    const q = queue({ write: host.write, storage });
    expect(await q.save('dns-1.json', record())).toBe(true);
    expect(host.saved).toHaveLength(1);
    expect(q.pending()).toEqual([]);
    expect(storage.data.size).toBe(0);
  });

  it('keeps a failed save with the host’s error, in memory and in storage', async () => {
    const host = fakeHost();
    const storage = memoryStorage();
    const onChange = vi.fn();
    const q = queue({ write: host.write, storage, onChange });
    expect(await q.save('dns-1.json', ended(record()))).toBe(false);
    const [p] = q.pending();
    expect(p).toMatchObject({
      runId: 'dns-1',
      file: 'dns-1.json',
      error: 'The server answered 503.',
      attempts: 1,
    });
    expect(p!.record.status).toBe('abandoned');
    expect(onChange).toHaveBeenLastCalledWith(q.pending());
    const stored = JSON.parse(storage.data.get(PENDING_SAVES_KEY)!) as { saves: { record: RunRecord }[] };
    expect(stored.saves.map((s) => s.record.status)).toEqual(['abandoned']);
  });

  it('retries with backoff doubling from 1 s to at most 30 s, then clears the save on success', async () => {
    const host = fakeHost();
    const storage = memoryStorage();
    const recovered = vi.fn();
    const q = queue({ write: host.write, storage, onRecovered: recovered });
    await q.save('dns-1.json', record());
    expect(host.calls).toBe(1);
    // Attempt n+1 comes 2^(n-1) s after attempt n, capped at 30 s.
    const gaps = [1000, 2000, 4000, 8000, 16000, 30000, 30000];
    for (const gap of gaps) {
      const before = host.calls;
      await vi.advanceTimersByTimeAsync(gap - 1);
      expect(host.calls).toBe(before);
      await vi.advanceTimersByTimeAsync(1);
      expect(host.calls).toBe(before + 1);
    }
    expect(q.pending()[0]!.attempts).toBe(gaps.length + 1);
    host.down = false;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(host.saved).toHaveLength(1);
    expect(q.pending()).toEqual([]);
    expect(storage.data.has(PENDING_SAVES_KEY)).toBe(false);
    expect(recovered).toHaveBeenCalledTimes(1);
    // Nothing more is sent once saved.
    await vi.advanceTimersByTimeAsync(120_000);
    expect(host.calls).toBe(gaps.length + 2);
  });

  it('retries at once on “Retry now”', async () => {
    const host = fakeHost();
    const q = queue({ write: host.write, storage: memoryStorage() });
    await q.save('dns-1.json', record());
    host.down = false;
    expect(await q.retryNow()).toBe(true);
    expect(host.saved).toHaveLength(1);
    expect(q.pending()).toEqual([]);
  });

  it('replaces the queued save by a newer save of the same run and never sends the older one again', async () => {
    const host = fakeHost();
    const storage = memoryStorage();
    const q = queue({ write: host.write, storage });
    await q.save('dns-1.json', record('dns-1', 60));
    await q.save('dns-1.json', ended(record('dns-1', 120)));
    expect(q.pending()).toHaveLength(1);
    expect(q.pending()[0]!.record.status).toBe('abandoned');
    const stored = JSON.parse(storage.data.get(PENDING_SAVES_KEY)!) as { saves: { record: RunRecord }[] };
    expect(stored.saves.map((s) => s.record.simTime)).toEqual([600]);
    host.down = false;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(host.saved.map((r) => r.status)).toEqual(['abandoned']);
  });

  it('lets a newer save that succeeds clear the queued older one', async () => {
    const host = fakeHost();
    const storage = memoryStorage();
    const q = queue({ write: host.write, storage });
    await q.save('dns-1.json', record('dns-1', 60));
    host.down = false;
    expect(await q.save('dns-1.json', record('dns-1', 120))).toBe(true);
    expect(q.pending()).toEqual([]);
    expect(storage.data.has(PENDING_SAVES_KEY)).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(host.saved.map((r) => r.simTime)).toEqual([120]);
  });

  it('does not let an older save that fails late queue itself over a newer one', async () => {
    const storage = memoryStorage();
    const saved: number[] = [];
    let failFirst: (e: Error) => void = () => undefined;
    const write = vi.fn((_f: string, r: RunRecord) =>
      r.simTime === 60
        ? new Promise<void>((_, reject) => (failFirst = reject))
        : Promise.resolve(void saved.push(r.simTime)),
    );
    const q = queue({ write, storage });
    const first = q.save('dns-1.json', record('dns-1', 60));
    await q.save('dns-1.json', record('dns-1', 120));
    failFirst(new Error('timeout'));
    expect(await first).toBe(false);
    expect(q.pending()).toEqual([]);
    expect(storage.data.size).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(saved).toEqual([120]);
  });

  it('survives a reload: a new queue over the same storage retries the kept save', async () => {
    const storage = memoryStorage();
    const host = fakeHost();
    const before = queue({ write: host.write, storage });
    await before.save('dns-1.json', ended(record()));
    before.dispose(); // the page goes away

    host.down = false;
    const after = queue({ write: host.write, storage });
    expect(after.restore()).toEqual([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(host.saved.map((r) => [r.id, r.status, r.steps.length])).toEqual([['dns-1', 'abandoned', 1]]);
    expect(after.pending()).toEqual([]);
    expect(storage.data.has(PENDING_SAVES_KEY)).toBe(false);
  });

  it('sends a queued save with the order it was first sent with, on every retry and after a reload', async () => {
    const storage = memoryStorage();
    const host = fakeHost();
    // Each page stamps its own session; a reload is a new session with its counter back at 1.
    const stamper = (session: string) => {
      let seq = 0;
      return (r: RunRecord): RunRecord => ({ ...r, saveOrder: { session, seq: ++seq, sentAt: 1000 * seq } });
    };
    const before = queue({ write: host.write, storage, stamp: stamper('page-1') });
    await before.save('other.json', record('other', 1));
    await before.save('dns-1.json', ended(record()));
    await vi.advanceTimersByTimeAsync(1000);
    before.dispose(); // the page goes away
    const first = { session: 'page-1', seq: 2, sentAt: 2000 };
    expect(host.write.mock.calls.filter(([, r]) => r.id === 'dns-1').map(([, r]) => r.saveOrder)).toEqual([
      first,
      first,
    ]);

    host.down = false;
    const after = queue({ write: host.write, storage, stamp: stamper('page-2') });
    after.restore();
    await vi.advanceTimersByTimeAsync(0);
    expect(host.saved.find((r) => r.id === 'dns-1')?.saveOrder).toEqual(first);
  });

  it('keeps retrying after a reload while the host is still down', async () => {
    const storage = memoryStorage();
    const host = fakeHost();
    await queue({ write: host.write, storage }).save('dns-1.json', record());
    const after = queue({ write: host.write, storage });
    after.restore();
    await vi.advanceTimersByTimeAsync(0);
    expect(after.pending()).toHaveLength(1);
    host.down = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(after.pending()).toEqual([]);
    expect(host.saved).toHaveLength(1);
  });

  it('keeps the other runs in storage when it settles one (another tab queued them)', async () => {
    const storage = memoryStorage();
    const host = fakeHost();
    const tabA = queue({ write: host.write, storage });
    const tabB = queue({ write: host.write, storage });
    await tabA.save('a.json', record('a'));
    await tabB.save('b.json', record('b'));
    host.down = false;
    await tabB.retryNow();
    const stored = JSON.parse(storage.data.get(PENDING_SAVES_KEY)!) as { saves: { file: string }[] };
    expect(stored.saves.map((s) => s.file)).toEqual(['a.json']);
  });

  it('drops a restored save that another tab has saved since', async () => {
    const storage = memoryStorage();
    const host = fakeHost();
    const before = queue({ write: host.write, storage });
    await before.save('dns-1.json', record());
    before.dispose(); // the page goes away
    const reloaded = queue({ write: host.write, storage });
    reloaded.restore();
    await vi.advanceTimersByTimeAsync(0);
    storage.removeItem(PENDING_SAVES_KEY); // the other tab saved it
    host.down = false;
    const calls = host.calls;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(host.calls).toBe(calls);
    expect(reloaded.pending()).toEqual([]);
  });

  it('says when it cannot keep a copy in the browser (storage full), until storage works again', async () => {
    const storage = memoryStorage();
    let full = true;
    const setItem = storage.setItem;
    storage.setItem = (k: string, v: string) => {
      if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      setItem(k, v);
    };
    const host = fakeHost();
    const q = queue({ write: host.write, storage });
    await q.save('dns-1.json', ended(record()));
    expect(q.pending()[0]!.notKeptHere).toBe('the browser’s storage is full (QuotaExceededError)');
    expect(storage.data.size).toBe(0);
    full = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(q.pending()[0]!.notKeptHere).toBeUndefined();
    expect(storage.data.has(PENDING_SAVES_KEY)).toBe(true);
  });

  it('says when the browser blocks its storage', async () => {
    const blocked = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    const q = queue({
      write: fakeHost().write,
      storage: { getItem: blocked, setItem: blocked, removeItem: blocked },
    });
    await q.save('dns-1.json', record());
    expect(q.pending()[0]!.notKeptHere).toBe('the browser blocks storage for this page (SecurityError)');
  });

  it('says which stored entry it could not read, with its path, and restores the rest', () => {
    const storage = memoryStorage();
    storage.setItem(
      PENDING_SAVES_KEY,
      JSON.stringify({
        format: 1,
        saves: [
          { file: 'x.json', record: { nope: 1 } },
          { file: 'dns-1.json', record: record() },
        ],
      }),
    );
    const host = fakeHost();
    const q = queue({ write: host.write, storage });
    const problems = q.restore();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^saves\[0\]\.record: /);
    expect(q.pending().map((p) => p.runId)).toEqual(['dns-1']);
  });

  it('reports unreadable storage in one sentence instead of throwing', () => {
    const storage = memoryStorage();
    storage.setItem(PENDING_SAVES_KEY, '{not json');
    const q = queue({ write: fakeHost().write, storage });
    expect(q.restore()[0]).toMatch(/could not be read/);
    expect(q.pending()).toEqual([]);
  });
});
