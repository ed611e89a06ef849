/** Records are grouped by the second they fall in, and only seconds that are due are heaped. */
const BUCKET_MS = 1000;

/** Seconds ahead that have a bucket of their own; later records wait in a heap. */
const HORIZON_BUCKETS = 8192;

/**
 * Records ordered by time, then id, so records that share a millisecond come out in the same
 * order in a whole run and in every shard of it. The generator holds a hundred thousand
 * records at once, most of them minutes ahead of the time drained to, and takes them out a
 * few at a time. In one heap of them all, every record would sift through some seventeen
 * levels; instead a record waits unsorted in the bucket of its second until that second is
 * due, and only due records are heaped, in a heap that stays small. The buckets are a ring
 * reused as time moves on; a record beyond the ring's reach waits in a heap of its own.
 */
export class TimeQueue<T> {
  private readonly due: TimeHeap<T>;
  private readonly later: TimeHeap<T>;
  private readonly items: T[][] = [];
  private readonly times: number[][] = [];
  /** Records in buckets up to this one are due: they go straight into the heap. */
  private lastDue = -Infinity;

  constructor(idOf: (item: T) => string) {
    this.due = new TimeHeap(idOf);
    this.later = new TimeHeap(idOf);
    for (let i = 0; i < HORIZON_BUCKETS; i++) {
      this.items.push([]);
      this.times.push([]);
    }
  }

  push(item: T, timeMs: number): void {
    const b = Math.floor(timeMs / BUCKET_MS);
    if (b <= this.lastDue) {
      this.due.push(item, timeMs);
    } else if (b <= this.lastDue + HORIZON_BUCKETS) {
      this.items[slotOf(b)]!.push(item);
      this.times[slotOf(b)]!.push(timeMs);
    } else {
      this.later.push(item, timeMs);
    }
  }

  /** Removes and returns, in order, every item earlier than `beforeMs`. */
  drainBefore(beforeMs: number, out: T[]): void {
    const last = Math.floor(beforeMs / BUCKET_MS);
    if (last > this.lastDue) {
      // Before the first drain every record waits in the later heap, and the ring is empty.
      if (this.lastDue > -Infinity) {
        const until = Math.min(last, this.lastDue + HORIZON_BUCKETS);
        for (let b = this.lastDue + 1; b <= until; b++) this.open(slotOf(b));
      }
      this.lastDue = last;
      this.later.moveBefore((last + 1) * BUCKET_MS, this.due);
    }
    this.due.drainBefore(beforeMs, out);
  }

  private open(slot: number): void {
    const items = this.items[slot]!;
    const times = this.times[slot]!;
    for (let i = 0; i < items.length; i++) this.due.push(items[i]!, times[i]!);
    items.length = 0;
    times.length = 0;
  }
}

/** The bucket's place in the ring: its number modulo the ring's size, a power of two. */
function slotOf(bucket: number): number {
  return bucket & (HORIZON_BUCKETS - 1);
}

/** A binary min-heap of records by time, then id. */
class TimeHeap<T> {
  private readonly items: T[] = [];
  private readonly times: number[] = [];
  private readonly idOf: (item: T) => string;

  constructor(idOf: (item: T) => string) {
    this.idOf = idOf;
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

  drainBefore(beforeMs: number, out: T[]): void {
    while (this.items.length > 0 && this.times[0]! < beforeMs) out.push(this.pop());
  }

  /** Moves every item earlier than `beforeMs` into another heap. */
  moveBefore(beforeMs: number, into: TimeHeap<T>): void {
    while (this.items.length > 0 && this.times[0]! < beforeMs) {
      const timeMs = this.times[0]!;
      into.push(this.pop(), timeMs);
    }
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
