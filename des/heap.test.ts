import { describe, expect, it } from 'vitest';
import { EventHeap } from './heap';
import { Rng } from './random';

describe('EventHeap', () => {
  it('pops in time order, growing past its initial capacity', () => {
    const rng = new Rng(3);
    const h = new EventHeap<number>();
    const times: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const t = rng.next() * 100;
      times.push(t);
      h.push(t, i % 4, i);
    }
    times.sort((a, b) => a - b);
    const out: number[] = [];
    while (h.size > 0) {
      const i = h.pop();
      expect(h.lastKind).toBe(i % 4);
      out.push(h.lastTime);
    }
    expect(out).toEqual(times);
  });

  it('breaks time ties by insertion order, also when interleaved with pops', () => {
    const h = new EventHeap<string>();
    for (const s of ['a', 'b', 'c']) h.push(1, 0, s);
    h.push(0.5, 0, 'first');
    expect(h.pop()).toBe('first');
    h.push(1, 0, 'd');
    for (const s of ['e', 'f', 'g', 'h', 'i']) h.push(1, 0, s);
    h.push(2, 0, 'last');
    const out: string[] = [];
    while (h.size > 0) out.push(h.pop());
    expect(out).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'last']);
    expect(h.peekTime()).toBe(Infinity);
    expect(() => h.pop()).toThrow();
  });
});
