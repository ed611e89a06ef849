import type { Read } from '../hub-api/protocol.js';
import type { ReadPool } from './read-pool.js';

/** One request's body, and the probes in it. */
export interface Body {
  json: string;
  /** Read ids of the probes it carries; empty for most bodies. */
  probes: string[];
}

export interface ProbePlan {
  /** One read in this many is a probe; 0 sends none. */
  every: number;
  /** The seed marks probes carry, used in turn. */
  marks: readonly string[];
}

/**
 * Hands out the pool's reads in order as request bodies, starting again at the end
 * with a pass number on every read id (`<id>-c1`, `<id>-c2`, …) so that the hub sees
 * each as a new read. Every `every`th read becomes a probe: the same read with a seed
 * mark in place of its own. It goes on from where it was across the steps of a
 * saturation search, so no read id is sent twice in a session.
 */
export class ReadFeed {
  readonly #pool: ReadPool;
  readonly #probes: ProbePlan;
  #index = 0;
  #pass = 0;
  #taken = 0;
  #probesMade = 0;

  constructor(pool: ReadPool, probes: ProbePlan) {
    if (pool.reads.length === 0) throw new Error('A read feed needs at least one read');
    this.#pool = pool;
    this.#probes = probes.marks.length === 0 ? { every: 0, marks: [] } : probes;
  }

  /** Passes over the pool begun so far (1 while the first is under way or just ended). */
  get passes(): number {
    return this.#pass + (this.#index > 0 ? 1 : 0);
  }

  take(count: number, sentAt: string): Body {
    let json = `{"sentAt":"${sentAt}","reads":[`;
    const probes: string[] = [];
    for (let i = 0; i < count; i++) {
      if (i > 0) json += ',';
      const probe = this.#isProbe();
      json += probe ? this.#probe(probes) : this.#read();
      this.#advance();
    }
    return { json: `${json}]}`, probes };
  }

  #isProbe(): boolean {
    const every = this.#probes.every;
    return every > 0 && ++this.#taken % every === 0;
  }

  #id(): string {
    const id = this.#pool.reads[this.#index]!.readId;
    return this.#pass === 0 ? id : `${id}-c${this.#pass}`;
  }

  #read(): string {
    return `{"readId":"${this.#id()}"${this.#pool.tails[this.#index]!}`;
  }

  #probe(probes: string[]): string {
    const read: Read = this.#pool.reads[this.#index]!;
    const marks = this.#probes.marks;
    const vrm = marks[this.#probesMade++ % marks.length]!;
    const readId = this.#id();
    probes.push(readId);
    return JSON.stringify({ ...read, readId, vrm });
  }

  #advance(): void {
    if (++this.#index < this.#pool.reads.length) return;
    this.#index = 0;
    this.#pass++;
  }
}
