import type { Arrivals } from './profiles.js';

/** One request of the test: when it is meant to go, and how many reads it carries. */
export interface Send {
  /** Milliseconds after the start of the test. */
  atMs: number;
  reads: number;
}

export interface ScheduleBounds {
  /** No read is due at or after this, in milliseconds after the start. */
  durationMs: number;
  /** No more reads than this in the whole test. */
  maxReads: number;
  /** Reads per request. */
  batch: number;
  /**
   * A request that is not yet full goes this long after its first read was due, as a
   * camera or a gateway that batches would send it.
   */
  holdMs: number;
}

/**
 * The requests of a test in time order, made lazily from the profile's arrivals so that
 * an hour at a high rate needs no memory. A request goes when its batch is full (at its
 * last read's due time) or when its first read has waited `holdMs`; the last request
 * goes as soon as the bounds are reached.
 */
export class Schedule {
  readonly #arrivals: Arrivals;
  readonly #bounds: ScheduleBounds;
  #due: number;
  #reads = 0;
  /** When the bound on reads ended the test first: when the next read would have been due. */
  #cutAtMs: number | null = null;

  constructor(arrivals: Arrivals, bounds: ScheduleBounds) {
    this.#arrivals = arrivals;
    this.#bounds = bounds;
    this.#due = arrivals.next();
  }

  /** Reads handed out so far. */
  get reads(): number {
    return this.#reads;
  }

  /**
   * The span the offered rate is measured over: the duration, or, when the bound on reads
   * ended the test first, up to when the first read left out would have been due. n reads
   * at a steady rate take n gaps, not the n − 1 between the first and the last.
   */
  get offeredSpanMs(): number {
    if (this.#cutAtMs === null) return this.#bounds.durationMs;
    // Reads all due at the start (a burst) stand for a millisecond, not for no time.
    return this.#cutAtMs > 0 ? this.#cutAtMs : 1;
  }

  next(): Send | null {
    if (!this.#more()) return null;
    const firstMs = this.#take();
    let lastMs = firstMs;
    let count = 1;
    const { batch, holdMs } = this.#bounds;
    while (count < batch && this.#more() && this.#joins(firstMs, holdMs)) {
      lastMs = this.#take();
      count++;
    }
    const full = count === batch || !this.#more();
    return { atMs: full ? lastMs : firstMs + holdMs, reads: count };
  }

  /** Hands every request left to `each` without sending it: for a test stopped early. */
  drain(each: (send: Send) => void): void {
    for (let send = this.next(); send; send = this.next()) each(send);
  }

  /** Whether the next read is due before the request must go (or with its first read). */
  #joins(firstMs: number, holdMs: number): boolean {
    return this.#due <= firstMs || this.#due < firstMs + holdMs;
  }

  #more(): boolean {
    if (this.#reads >= this.#bounds.maxReads) {
      if (this.#due < this.#bounds.durationMs) this.#cutAtMs = this.#due;
      return false;
    }
    return this.#due < this.#bounds.durationMs;
  }

  #take(): number {
    const due = this.#due;
    this.#reads++;
    this.#due = this.#arrivals.next();
    return due;
  }
}
