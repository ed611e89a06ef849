import type { HotlistChange, HotlistEntry } from '../hub-api/protocol.js';

/**
 * Alert latency under load. The hub is given a seed list of marks of our own, and a known
 * share of the reads sent (one in `every`) carries one of them in place of its own mark:
 * a probe. Each probe should raise an alert; its latency runs from the probe's intended
 * send time to the alert's arrival here.
 *
 * The seed marks are current-format marks that cannot be confused with anything: every
 * character comes from those in no look-alike group of the sensor model (so a hub that
 * matches look-alikes finds no seed mark similar to another, nor to a scenario read), and
 * the age identifiers 44, 49, 94 and 99 have not been issued, so no real vehicle carries
 * them (DOMAIN.md: issued ages run to 26 and 76).
 */

/** Memory-tag regions, tag letters and random letters outside every look-alike group. */
const REGIONS = 'ACLPWY';
const LETTERS = 'ACJLPWY';
const AGES = ['44', '49', '94', '99'] as const;
const PER_AGE = REGIONS.length * LETTERS.length ** 4;

/** As many distinct seed marks as there are. */
export const MAX_SEED_MARKS = AGES.length * PER_AGE;

/** The nth seed mark, n from 0 to MAX_SEED_MARKS - 1. */
export function seedMark(n: number): string {
  const age = AGES[Math.floor(n / PER_AGE) % AGES.length]!;
  let rest = n % PER_AGE;
  const pick = (alphabet: string): string => {
    const char = alphabet[rest % alphabet.length]!;
    rest = Math.floor(rest / alphabet.length);
    return char;
  };
  const letters = [pick(LETTERS), pick(LETTERS), pick(LETTERS)].join('');
  const tag = pick(REGIONS) + pick(LETTERS);
  return `${tag}${age}${letters}`;
}

/** `count` seed entries, skipping marks the scenario already uses. */
export function seedEntries(count: number, taken: ReadonlySet<string>): HotlistEntry[] {
  const entries: HotlistEntry[] = [];
  for (let n = 0; n < MAX_SEED_MARKS && entries.length < count; n++) {
    const vrm = seedMark(n);
    if (taken.has(vrm)) continue;
    entries.push({
      entryId: `load-seed-${entries.length + 1}`,
      vrm,
      // Priority 3 is recorded, not dispatched on: a probe should cost the hub an alert,
      // not the planning of an interception.
      category: 'intelligence',
      priority: 3,
      reason: 'Load test seed mark',
      make: 'Ford',
      model: 'Transit',
      colour: 'White',
    });
  }
  return entries;
}

export function seedChanges(entries: readonly HotlistEntry[], atIso: string): HotlistChange[] {
  return entries.map((entry) => ({
    action: 'upsert',
    changeId: entry.entryId,
    at: atIso,
    entry,
  }));
}

/** What happened to the probes of one run. */
export interface ProbeCounts {
  /** Probes in requests the hub accepted. */
  expected: number;
  /** Of those, probes whose alert came. */
  alerted: number;
  /** Expected probes with no alert by the end of the wait. */
  missing: number;
}

/**
 * The probes in flight and their alerts. A probe is expected from the moment it is sent;
 * it stops being expected if its request fails or the hub refuses the read. An alert can
 * come before the answer to its request, so one that finds its probe pending counts at
 * once.
 */
export class ProbeTracker {
  readonly #pending = new Map<string, number>();
  readonly #onAlert: (intendedAbs: number, receivedAbs: number) => void;
  #expected = 0;
  #alerted = 0;

  constructor(onAlert: (intendedAbs: number, receivedAbs: number) => void) {
    this.#onAlert = onAlert;
  }

  /** Probes sent and not yet alerted on (nor withdrawn). */
  get waiting(): number {
    return this.#pending.size;
  }

  sent(readId: string, intendedAbs: number): void {
    this.#pending.set(readId, intendedAbs);
    this.#expected++;
  }

  /** The probe's read never reached the hub, or the hub refused it. */
  withdraw(readId: string): void {
    if (this.#pending.delete(readId)) this.#expected--;
  }

  /** An alert arrived; true when it was a pending probe's. */
  alert(readId: string, receivedAbs: number): boolean {
    const intendedAbs = this.#pending.get(readId);
    if (intendedAbs === undefined) return false;
    this.#pending.delete(readId);
    this.#alerted++;
    this.#onAlert(intendedAbs, receivedAbs);
    return true;
  }

  counts(): ProbeCounts {
    return {
      expected: this.#expected,
      alerted: this.#alerted,
      missing: this.#expected - this.#alerted,
    };
  }
}
