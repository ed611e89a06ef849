/**
 * A binary min-heap of integer items (graph nodes) keyed by a number, held in typed arrays
 * sized once for the whole graph. It supports decrease-key, so a shortest-path search holds
 * each node at most once and allocates nothing per query.
 */
export class IndexedMinHeap {
  private readonly items: Int32Array;
  private readonly keys: Float64Array;
  /** Position of each item in the heap plus one; 0 means absent. */
  private readonly slot: Int32Array;
  private count = 0;

  constructor(capacity: number) {
    this.items = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
    this.slot = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) this.slot[this.items[i]!] = 0;
    this.count = 0;
  }

  /** Inserts the item, or lowers its key if it is already queued with a higher one. */
  push(item: number, key: number): void {
    const at = this.slot[item]! - 1;
    if (at >= 0) {
      if (key < this.keys[at]!) {
        this.keys[at] = key;
        this.siftUp(at);
      }
      return;
    }
    this.items[this.count] = item;
    this.keys[this.count] = key;
    this.slot[item] = this.count + 1;
    this.siftUp(this.count++);
  }

  peekKey(): number {
    return this.count === 0 ? Infinity : this.keys[0]!;
  }

  /** Removes and returns the item with the smallest key; the heap must not be empty. */
  pop(): number {
    const top = this.items[0]!;
    this.slot[top] = 0;
    this.count--;
    if (this.count > 0) {
      this.place(0, this.items[this.count]!, this.keys[this.count]!);
      this.siftDown(0);
    }
    return top;
  }

  private place(at: number, item: number, key: number): void {
    this.items[at] = item;
    this.keys[at] = key;
    this.slot[item] = at + 1;
  }

  private siftUp(start: number): void {
    const item = this.items[start]!;
    const key = this.keys[start]!;
    let at = start;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (this.keys[parent]! <= key) break;
      this.place(at, this.items[parent]!, this.keys[parent]!);
      at = parent;
    }
    this.place(at, item, key);
  }

  private siftDown(start: number): void {
    const item = this.items[start]!;
    const key = this.keys[start]!;
    const half = this.count >> 1;
    let at = start;
    while (at < half) {
      let child = 2 * at + 1;
      const right = child + 1;
      if (right < this.count && this.keys[right]! < this.keys[child]!) child = right;
      if (this.keys[child]! >= key) break;
      this.place(at, this.items[child]!, this.keys[child]!);
      at = child;
    }
    this.place(at, item, key);
  }
}
