/**
 * A day's planned trips in columns of typed arrays: a million trips take about 25 MB here
 * against several times that as objects, which is what lets a county day at ten times
 * normal volume run in bounded memory.
 */
export class PlanStore {
  departMs = new Float64Array(1024);
  vehicle = new Int32Array(1024);
  day = new Int32Array(1024);
  from = new Int32Array(1024);
  to = new Int32Array(1024);
  tripNo = new Uint16Array(1024);
  variant = new Uint8Array(1024);
  length = 0;

  add(
    day: number,
    vehicleId: number,
    tripNo: number,
    departMs: number,
    from: number,
    to: number,
    variant: 0 | 1,
  ): void {
    if (this.length === this.departMs.length) this.grow();
    const i = this.length++;
    this.day[i] = day;
    this.departMs[i] = departMs;
    this.vehicle[i] = vehicleId;
    this.tripNo[i] = tripNo;
    this.from[i] = from;
    this.to[i] = to;
    this.variant[i] = variant;
  }

  /** Copies trip i of another store into this one. */
  addFrom(other: PlanStore, i: number): void {
    this.add(
      other.day[i]!,
      other.vehicle[i]!,
      other.tripNo[i]!,
      other.departMs[i]!,
      other.from[i]!,
      other.to[i]!,
      other.variant[i] as 0 | 1,
    );
  }

  private grow(): void {
    const size = this.departMs.length * 2;
    this.departMs = copyInto(new Float64Array(size), this.departMs);
    this.vehicle = copyInto(new Int32Array(size), this.vehicle);
    this.day = copyInto(new Int32Array(size), this.day);
    this.from = copyInto(new Int32Array(size), this.from);
    this.to = copyInto(new Int32Array(size), this.to);
    this.tripNo = copyInto(new Uint16Array(size), this.tripNo);
    this.variant = copyInto(new Uint8Array(size), this.variant);
  }

  /**
   * Positions of the trips in departure order. The sort is a stable radix sort on the
   * departure time, so trips added in (vehicle, trip number) order keep that order when
   * they depart in the same millisecond, in a whole run and in each shard alike.
   */
  orderByDeparture(): Uint32Array {
    const n = this.length;
    let order = Uint32Array.from({ length: n }, (_, i) => i);
    if (n === 0) return order;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      min = Math.min(min, this.departMs[i]!);
      max = Math.max(max, this.departMs[i]!);
    }
    const keys = Uint32Array.from({ length: n }, (_, i) => this.departMs[i]! - min);
    let scratch = new Uint32Array(n);
    const range = max - min;
    for (let shift = 0; shift === 0 || range >= 2 ** shift; shift += 11) {
      radixPass(keys, order, scratch, shift);
      [order, scratch] = [scratch, order];
    }
    return order;
  }
}

const RADIX = 2048;

function radixPass(keys: Uint32Array, from: Uint32Array, to: Uint32Array, shift: number): void {
  const counts = new Uint32Array(RADIX + 1);
  for (let k = 0; k < from.length; k++) counts[digitOf(keys[from[k]!]!, shift) + 1]!++;
  for (let d = 0; d < RADIX; d++) counts[d + 1]! += counts[d]!;
  for (let k = 0; k < from.length; k++) {
    const i = from[k]!;
    to[counts[digitOf(keys[i]!, shift)]!++] = i;
  }
}

/** The digit of a key at `shift` bits; keys are 32-bit, so digits beyond them are 0. */
function digitOf(key: number, shift: number): number {
  return shift < 32 ? (key >>> shift) & (RADIX - 1) : 0;
}

function copyInto<T extends Float64Array | Int32Array | Uint16Array | Uint8Array>(
  target: T,
  source: T,
): T {
  target.set(source);
  return target;
}
