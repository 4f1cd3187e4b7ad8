/**
 * Binary min-heap of events keyed on time. Equal times pop in insertion order (a global sequence
 * number breaks ties), so a run never depends on how the heap happens to shuffle equal keys: the same
 * seed gives the same event order, bit for bit.
 *
 * Keys live in parallel typed arrays and payloads in a plain array, so a push allocates nothing once
 * the arrays have grown; each event carries a small integer `kind` so the simulator can dispatch with
 * a switch instead of a per-event closure.
 */
export class EventHeap<T> {
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private kinds = new Int32Array(1024);
  private items: (T | undefined)[] = new Array<T | undefined>(1024);
  private n = 0;
  private nextSeq = 0;
  /** Time and kind of the event returned by the last `pop()`. */
  lastTime = 0;
  lastKind = 0;

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.times[0]! : Infinity;
  }

  push(time: number, kind: number, item: T): void {
    if (Number.isNaN(time)) throw new Error('EventHeap: NaN time');
    if (this.n === this.times.length) this.grow();
    const seq = this.nextSeq++;
    // Sift up with a hole: move parents down until the new key fits.
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = this.times[p]!;
      if (pt < time || (pt === time && this.seqs[p]! < seq)) break;
      this.move(p, i);
      i = p;
    }
    this.times[i] = time;
    this.seqs[i] = seq;
    this.kinds[i] = kind;
    this.items[i] = item;
  }

  /** Removes and returns the earliest event's payload; its time and kind land in lastTime/lastKind. */
  pop(): T {
    if (this.n === 0) throw new Error('EventHeap: pop on empty heap');
    const top = this.items[0] as T;
    this.lastTime = this.times[0]!;
    this.lastKind = this.kinds[0]!;
    const last = --this.n;
    if (last > 0) {
      const t = this.times[last]!;
      const s = this.seqs[last]!;
      const k = this.kinds[last]!;
      const it = this.items[last];
      // Sift down with a hole from the root.
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= last) break;
        const r = c + 1;
        if (r < last) {
          const ct = this.times[c]!;
          const rt = this.times[r]!;
          if (rt < ct || (rt === ct && this.seqs[r]! < this.seqs[c]!)) c = r;
        }
        const ct = this.times[c]!;
        if (t < ct || (t === ct && s < this.seqs[c]!)) break;
        this.move(c, i);
        i = c;
      }
      this.times[i] = t;
      this.seqs[i] = s;
      this.kinds[i] = k;
      this.items[i] = it;
    }
    this.items[last] = undefined; // let the payload be collected
    return top;
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from]!;
    this.seqs[to] = this.seqs[from]!;
    this.kinds[to] = this.kinds[from]!;
    this.items[to] = this.items[from];
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const times = new Float64Array(cap);
    times.set(this.times);
    const seqs = new Float64Array(cap);
    seqs.set(this.seqs);
    const kinds = new Int32Array(cap);
    kinds.set(this.kinds);
    this.times = times;
    this.seqs = seqs;
    this.kinds = kinds;
    this.items.length = cap;
  }
}
