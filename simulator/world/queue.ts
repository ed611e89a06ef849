/** Records are grouped by the second they fall in, and only seconds that are due are heaped. */
const BUCKET_MS = 1000;

/** Seconds ahead that have a bucket of their own; later records wait in a heap. */
const HORIZON_BUCKETS = 8192;

/** Records a chunk of bucket storage holds. */
const CHUNK_RECORDS = 32;

/** Doubles a chunk takes: each record is its slot and its time. */
const CHUNK_DOUBLES = 2 * CHUNK_RECORDS;

/**
 * Records ordered by time, then id, so records that share a millisecond come out in the same
 * order in a whole run and in every shard of it. A record is a slot number in a store of the
 * caller's, which also tells its id. The generator holds a hundred thousand records at once,
 * most of them minutes ahead of the time drained to, and takes them out a few at a time. In
 * one heap of them all, every record would sift through some seventeen levels; instead a
 * record waits unsorted in the bucket of its second until that second is due, and only due
 * records are heaped, in a heap that stays small. The buckets are a ring reused as time moves
 * on; a record beyond the ring's reach waits in a heap of its own.
 *
 * A bucket is a list of fixed-size chunks from one typed-array pool, and an emptied bucket's
 * chunks go back to the pool. Buckets kept as arrays were made afresh every second and
 * lived for hours: long enough to be copied into the collector's old generation, only to
 * die there.
 */
export class TimeQueue {
  private readonly due: TimeHeap;
  private readonly later: TimeHeap;
  /** Chunks of (slot, time) pairs; chunk c starts at c × CHUNK_DOUBLES. */
  private pool = new Float64Array(CHUNK_DOUBLES * 1024);
  /** The chunk after each chunk in its bucket, or in the free list; -1 ends a list. */
  private nextChunk = new Int32Array(1024);
  private chunks = 0;
  private freeChunk = -1;
  /** First and last chunk of each bucket (-1 when empty), and records in the last one. */
  private readonly first = new Int32Array(HORIZON_BUCKETS).fill(-1);
  private readonly last = new Int32Array(HORIZON_BUCKETS).fill(-1);
  private readonly filled = new Int32Array(HORIZON_BUCKETS);
  /** Records in buckets up to this one are due: they go straight into the heap. */
  private lastDue = -Infinity;

  constructor(idOf: (slot: number) => string) {
    this.due = new TimeHeap(idOf);
    this.later = new TimeHeap(idOf);
  }

  push(slot: number, timeMs: number): void {
    const b = Math.floor(timeMs / BUCKET_MS);
    if (b <= this.lastDue) {
      this.due.push(slot, timeMs);
    } else if (b <= this.lastDue + HORIZON_BUCKETS) {
      this.addToBucket(slotOf(b), slot, timeMs);
    } else {
      this.later.push(slot, timeMs);
    }
  }

  /** Removes and returns, in order, every slot whose time is earlier than `beforeMs`. */
  drainBefore(beforeMs: number, out: number[]): void {
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

  private addToBucket(bucket: number, slot: number, timeMs: number): void {
    let chunk = this.last[bucket]!;
    let n = this.filled[bucket]!;
    if (chunk < 0 || n === CHUNK_RECORDS) {
      const fresh = this.takeChunk();
      if (chunk < 0) this.first[bucket] = fresh;
      else this.nextChunk[chunk] = fresh;
      this.last[bucket] = fresh;
      chunk = fresh;
      n = 0;
    }
    const at = chunk * CHUNK_DOUBLES + 2 * n;
    this.pool[at] = slot;
    this.pool[at + 1] = timeMs;
    this.filled[bucket] = n + 1;
  }

  /** Moves a bucket's records into the due heap and gives its chunks back. */
  private open(bucket: number): void {
    const lastChunk = this.last[bucket]!;
    let chunk = this.first[bucket]!;
    while (chunk >= 0) {
      const n = chunk === lastChunk ? this.filled[bucket]! : CHUNK_RECORDS;
      const start = chunk * CHUNK_DOUBLES;
      for (let at = start; at < start + 2 * n; at += 2) {
        this.due.push(this.pool[at]!, this.pool[at + 1]!);
      }
      const next = chunk === lastChunk ? -1 : this.nextChunk[chunk]!;
      this.nextChunk[chunk] = this.freeChunk;
      this.freeChunk = chunk;
      chunk = next;
    }
    this.first[bucket] = -1;
    this.last[bucket] = -1;
    this.filled[bucket] = 0;
  }

  private takeChunk(): number {
    if (this.freeChunk >= 0) {
      const chunk = this.freeChunk;
      this.freeChunk = this.nextChunk[chunk]!;
      return chunk;
    }
    if (this.chunks === this.nextChunk.length) {
      const pool = new Float64Array(this.pool.length * 2);
      pool.set(this.pool);
      this.pool = pool;
      const next = new Int32Array(this.nextChunk.length * 2);
      next.set(this.nextChunk);
      this.nextChunk = next;
    }
    return this.chunks++;
  }
}

/** The bucket's place in the ring: its number modulo the ring's size, a power of two. */
function slotOf(bucket: number): number {
  return bucket & (HORIZON_BUCKETS - 1);
}

/** A binary min-heap of slots by time, then id. */
class TimeHeap {
  private readonly items: number[] = [];
  private readonly times: number[] = [];
  private readonly idOf: (slot: number) => string;

  constructor(idOf: (slot: number) => string) {
    this.idOf = idOf;
  }

  push(item: number, timeMs: number): void {
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

  drainBefore(beforeMs: number, out: number[]): void {
    while (this.items.length > 0 && this.times[0]! < beforeMs) out.push(this.pop());
  }

  /** Moves every item earlier than `beforeMs` into another heap. */
  moveBefore(beforeMs: number, into: TimeHeap): void {
    while (this.items.length > 0 && this.times[0]! < beforeMs) {
      const timeMs = this.times[0]!;
      into.push(this.pop(), timeMs);
    }
  }

  private pop(): number {
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

  private before(ta: number, a: number, tb: number, b: number): boolean {
    if (ta !== tb) return ta < tb;
    return this.idOf(a) < this.idOf(b);
  }
}
