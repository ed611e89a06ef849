/**
 * A min-heap of records ordered by time, then id, so records that share a millisecond come
 * out in the same order in a whole run and in every shard of it. Times sit in their own
 * array beside the records: this heap is on the generator's hot path.
 */
export class TimeQueue<T> {
  private readonly items: T[] = [];
  private readonly times: number[] = [];
  private readonly idOf: (item: T) => string;

  constructor(idOf: (item: T) => string) {
    this.idOf = idOf;
  }

  get size(): number {
    return this.items.length;
  }

  push(item: T, timeMs: number): void {
    const { items, times } = this;
    let at = items.length;
    items.push(item);
    times.push(timeMs);
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.before(timeMs, item, times[parent]!, items[parent]!)) break;
      items[at] = items[parent]!;
      times[at] = times[parent]!;
      at = parent;
    }
    items[at] = item;
    times[at] = timeMs;
  }

  /** Removes and returns, in order, every item earlier than `beforeMs`. */
  drainBefore(beforeMs: number, out: T[]): void {
    while (this.items.length > 0 && this.times[0]! < beforeMs) out.push(this.pop());
  }

  private pop(): T {
    const { items, times } = this;
    const top = items[0]!;
    const last = items.pop()!;
    const lastTime = times.pop()!;
    const n = items.length;
    if (n === 0) return top;
    let at = 0;
    const half = n >> 1;
    while (at < half) {
      let child = 2 * at + 1;
      const right = child + 1;
      if (right < n && this.before(times[right]!, items[right]!, times[child]!, items[child]!)) {
        child = right;
      }
      if (!this.before(times[child]!, items[child]!, lastTime, last)) break;
      items[at] = items[child]!;
      times[at] = times[child]!;
      at = child;
    }
    items[at] = last;
    times[at] = lastTime;
    return top;
  }

  private before(ta: number, a: T, tb: number, b: T): boolean {
    if (ta !== tb) return ta < tb;
    return this.idOf(a) < this.idOf(b);
  }
}
