/**
 * A map that forgets by simulated time, in two generations: writes go to the current
 * one, reads look in both, and every `spanMs` the older generation is dropped whole.
 * An entry is therefore kept for at least `spanMs` and at most twice that after its
 * last write, at no cost per entry for the forgetting.
 */
export class AgeingMap<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();
  private rotateAtMs = -Infinity;

  constructor(readonly spanMs: number) {}

  /** Entries held, counting a key rewritten since the last rotation twice. */
  get size(): number {
    return this.current.size + this.previous.size;
  }

  /**
   * Moves to `nowMs`, dropping the older generation as often as the time passed
   * calls for.
   */
  advanceTo(nowMs: number): void {
    if (nowMs < this.rotateAtMs) return;
    const skipped = this.rotateAtMs !== -Infinity && nowMs >= this.rotateAtMs + this.spanMs;
    this.previous = skipped ? new Map<K, V>() : this.current;
    this.current = new Map();
    this.rotateAtMs = nowMs + this.spanMs;
  }

  get(key: K): V | undefined {
    return this.current.get(key) ?? this.previous.get(key);
  }

  has(key: K): boolean {
    return this.current.has(key) || this.previous.has(key);
  }

  set(key: K, value: V): void {
    this.current.set(key, value);
  }
}

/** A set that forgets by simulated time, as `AgeingMap` does. */
export class AgeingSet<K> {
  private readonly map: AgeingMap<K, true>;

  constructor(spanMs: number) {
    this.map = new AgeingMap(spanMs);
  }

  get size(): number {
    return this.map.size;
  }

  advanceTo(nowMs: number): void {
    this.map.advanceTo(nowMs);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  add(key: K): void {
    this.map.set(key, true);
  }
}
