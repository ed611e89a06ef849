import { hashString } from '../random.js';
import { fmix32 } from './serial.js';

/**
 * A lookup from mark to vehicle id over the registry's own array of marks: open
 * addressing with linear probing in one Int32Array, so two million marks cost 16 MB
 * rather than the 60 MB or more a Map of strings would. It is built with the
 * registry, which needs it to keep marks unique.
 */
export class MarkIndex {
  /** Vehicle id + 1 per slot; 0 is empty. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(
    private readonly marks: readonly string[],
    capacity: number,
  ) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  /** The id holding `vrm`, or undefined. */
  find(vrm: string): number | undefined {
    for (let slot = this.home(vrm); ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot]!;
      if (entry === 0) return undefined;
      if (this.marks[entry - 1] === vrm) return entry - 1;
    }
  }

  /**
   * Records that `id` holds `vrm` unless another id does; returns false on such a
   * collision, leaving the index unchanged.
   */
  insert(vrm: string, id: number): boolean {
    let slot = this.home(vrm);
    for (; this.slots[slot] !== 0; slot = (slot + 1) & this.mask) {
      if (this.marks[this.slots[slot]! - 1] === vrm) return false;
    }
    this.slots[slot] = id + 1;
    return true;
  }

  private home(vrm: string): number {
    return fmix32(hashString(vrm)) & this.mask;
  }
}
