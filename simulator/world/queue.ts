/**
 * A min-heap of records ordered by time, then id, so records that share a millisecond come
 * out in the same order in a whole run and in every shard of it.
 */
export class TimeQueue<T> {
  private readonly items: T[] = [];
  private readonly timeOf: (item: T) => number;
  private readonly idOf: (item: T) => string;

  constructor(timeOf: (item: T) => number, idOf: (item: T) => string) {
    this.timeOf = timeOf;
    this.idOf = idOf;
  }

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const items = this.items;
    let at = items.length;
    items.push(item);
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.before(item, items[parent]!)) break;
      items[at] = items[parent]!;
      at = parent;
    }
    items[at] = item;
  }

  /** Removes and returns, in order, every item earlier than `beforeMs`. */
  drainBefore(beforeMs: number, out: T[]): void {
    while (this.items.length > 0 && this.timeOf(this.items[0]!) < beforeMs) out.push(this.pop());
  }

  private pop(): T {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length === 0) return top;
    let at = 0;
    const half = items.length >> 1;
    while (at < half) {
      let child = 2 * at + 1;
      const right = child + 1;
      if (right < items.length && this.before(items[right]!, items[child]!)) child = right;
      if (!this.before(items[child]!, last)) break;
      items[at] = items[child]!;
      at = child;
    }
    items[at] = last;
    return top;
  }

  private before(a: T, b: T): boolean {
    const ta = this.timeOf(a);
    const tb = this.timeOf(b);
    if (ta !== tb) return ta < tb;
    return this.idOf(a) < this.idOf(b);
  }
}
