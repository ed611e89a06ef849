import { HubFault, type FaultKind } from './faults.js';

/**
 * Faults seen outside a call, kept until someone asks for them. Bounded, because a
 * hub that sends nothing but malformed events while nobody drains must not exhaust
 * memory: past the limit, faults are counted by kind and call and reported as one
 * summary each.
 */
export class FaultLog {
  readonly #limit: number;
  #faults: HubFault[] = [];
  readonly #omitted = new Map<string, { kind: FaultKind; call: string; count: number }>();

  constructor(limit = 10_000) {
    this.#limit = limit;
  }

  add(fault: HubFault): void {
    if (this.#faults.length < this.#limit) {
      this.#faults.push(fault);
      return;
    }
    const key = `${fault.kind} ${fault.call}`;
    const omitted = this.#omitted.get(key) ?? { kind: fault.kind, call: fault.call, count: 0 };
    omitted.count += 1;
    this.#omitted.set(key, omitted);
  }

  /** Every fault since the last drain, oldest first, then a summary of those not kept. */
  drain(): HubFault[] {
    const faults = this.#faults;
    this.#faults = [];
    for (const { kind, call, count } of this.#omitted.values()) {
      const message =
        `${call}: ${count} further ${kind} faults not kept ` +
        `(at most ${this.#limit} are held between drains)`;
      faults.push(new HubFault(kind, call, message));
    }
    this.#omitted.clear();
    return faults;
  }
}
