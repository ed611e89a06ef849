/**
 * Seeded randomness. Every random draw in the simulator comes from a stream keyed by the
 * run's seed, a purpose ("demand", "misread", …) and the entity it concerns (a vehicle, a
 * trip, a sighting). Keying by entity rather than drawing from one long sequence is what
 * lets a shard of a scenario generate exactly the records the whole run would, without
 * generating anything else.
 */

/** 32-bit FNV-1a over a string. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const MIX_START = 0x9e3779b9;

/** Mixes integers into one well-spread 32-bit value (MurmurHash3's finaliser per step). */
export function mix(...values: number[]): number {
  let h = MIX_START;
  for (const v of values) h = mixStep(h, v);
  return h >>> 0;
}

function mixStep(h: number, v: number): number {
  h = Math.imul(h ^ (v >>> 0), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** `mix(a, b, c)` without gathering its arguments into an array: streams start by the million. */
function mix3(a: number, b: number, c: number): number {
  return mixStep(mixStep(mixStep(MIX_START, a), b), c) >>> 0;
}

/** A small, fast generator (sfc32) with the draws the simulator needs. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, salt = 0) {
    this.a = 0;
    this.b = 0;
    this.c = 0;
    this.d = 0;
    this.reset(seed, salt);
  }

  /** Starts this generator again as `new Random(seed, salt)` would start. */
  reset(seed: number, salt = 0): this {
    this.a = mix3(seed, 1, salt);
    this.b = mix3(seed, 2, salt);
    this.c = mix3(seed, 3, salt);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
    return this;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A uniform float in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Cannot pick from an empty list');
    return items[this.int(items.length)]!;
  }

  /** A standard normal draw (Box-Muller). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** An exponential draw with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** A log-normal draw with the given median and shape. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }

  /** A Poisson count with the given mean (Knuth for small means, normal above 30). */
  poisson(mean: number): number {
    if (mean > 30) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = this.next(); p > limit; p *= this.next()) k++;
    return k;
  }

  /** An index drawn in proportion to the weights (linear scan). */
  weighted(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i]!;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }
}

/** Purposes of the random streams; each has its own so that one change cannot shift another. */
export const PURPOSES = {
  registry: 1,
  demand: 2,
  routing: 3,
  capture: 4,
  misread: 5,
  delivery: 6,
  offenders: 7,
  hotlist: 8,
  outages: 9,
  keepers: 10,
} as const;

export type Purpose = keyof typeof PURPOSES;

/** The stream for one purpose and one entity, e.g. `streamFor(seed, 'demand', vehicle, day)`. */
export function streamFor(seed: number, purpose: Purpose, ...key: number[]): Random {
  let salt = mixStep(MIX_START, PURPOSES[purpose]);
  for (const k of key) salt = mixStep(salt, k);
  return new Random(seed, salt >>> 0);
}

/**
 * Restarts `random` as `streamFor(seed, purpose, a, b)`, for paths that start a stream
 * per sighting: reusing one generator makes neither the stream nor an array of its keys.
 * Whoever reuses a generator this way must be done with its previous stream.
 */
export function restartStream(
  random: Random,
  seed: number,
  purpose: Purpose,
  a: number,
  b: number,
): Random {
  const salt = mixStep(mixStep(mixStep(MIX_START, PURPOSES[purpose]), a), b);
  return random.reset(seed, salt >>> 0);
}

/**
 * A table for drawing indices in proportion to fixed weights in constant time
 * (Walker's alias method), for hot paths such as choosing a trip's destination.
 */
export class AliasTable {
  private readonly probability: Float64Array;
  private readonly alias: Int32Array;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    if (n === 0) throw new RangeError('An alias table needs at least one weight');
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i]!;
    if (!(total > 0)) throw new RangeError('An alias table needs a positive total weight');
    this.probability = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = Float64Array.from({ length: n }, (_, i) => (weights[i]! * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large[large.length - 1]!;
      this.probability[s] = scaled[s]!;
      this.alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      if (scaled[l] < 1) small.push(large.pop()!);
    }
    for (const i of [...small, ...large]) this.probability[i] = 1;
  }

  draw(random: Random): number {
    const i = random.int(this.probability.length);
    return random.next() < this.probability[i]! ? i : this.alias[i]!;
  }
}
