import { distanceM } from '../simulator/network/index.js';
import { AgeingMap } from './ageing.js';
import type { Camera } from './cameras.js';
import {
  CLOCK_SKEW_ALLOWANCE_MS,
  MAX_PLAUSIBLE_SPEED_KMH,
  MIN_JOURNEY_DISTANCE_M,
} from './options.js';

/** The latest read of a mark, by capture time. */
export interface LastRead {
  readId: string;
  camera: Camera;
  capturedMs: number;
}

/** Two reads of one mark too far apart for the time between them. */
export interface ImpossibleJourney {
  earlier: LastRead;
  later: LastRead;
  distanceM: number;
  betweenMs: number;
}

const MAX_SPEED_M_PER_MS = MAX_PLAUSIBLE_SPEED_KMH / 3_600;

/**
 * Where each mark was last read, and the impossible journeys that shows up: a mark
 * read at two sites further apart than `MAX_PLAUSIBLE_SPEED_KMH` allows for the time
 * between the captures, give or take `CLOCK_SKEW_ALLOWANCE_MS`, and at least
 * `MIN_JOURNEY_DISTANCE_M` apart. Each mark is flagged at most once per window.
 *
 * Bounded: last reads are forgotten `retentionMs` to twice that after they were
 * made, and flags after their window.
 */
export class JourneyWatch {
  private readonly last: AgeingMap<string, LastRead>;
  private readonly flaggedAt = new Map<string, number>();
  private sweepAtMs = -Infinity;

  constructor(
    retentionMs: number,
    private readonly windowMs: number,
  ) {
    this.last = new AgeingMap(retentionMs);
  }

  /** Marks whose last read is remembered (an upper bound; see AgeingMap.size). */
  get marks(): number {
    return this.last.size;
  }

  advanceTo(nowMs: number): void {
    this.last.advanceTo(nowMs);
    if (nowMs < this.sweepAtMs) return;
    for (const [vrm, atMs] of this.flaggedAt) {
      if (atMs + this.windowMs <= nowMs) this.flaggedAt.delete(vrm);
    }
    this.sweepAtMs = nowMs + this.windowMs;
  }

  /**
   * Records a read of a mark and returns the read it had before, if any. The later
   * capture is kept, since reads arrive out of capture order.
   */
  record(vrm: string, read: LastRead): LastRead | undefined {
    const previous = this.last.get(vrm);
    if (!previous || previous.capturedMs <= read.capturedMs) this.last.set(vrm, read);
    return previous;
  }

  /**
   * The impossible journey between two reads of one mark, or null when it is
   * possible.
   */
  check(a: LastRead, b: LastRead): ImpossibleJourney | null {
    if (a.camera === b.camera || a.camera.site.cameraId === b.camera.site.cameraId) return null;
    const metres = distanceM(a.camera.position, b.camera.position);
    if (metres < MIN_JOURNEY_DISTANCE_M) return null;
    const betweenMs = Math.abs(a.capturedMs - b.capturedMs);
    if (metres <= (betweenMs + CLOCK_SKEW_ALLOWANCE_MS) * MAX_SPEED_M_PER_MS) return null;
    const [earlier, later] = a.capturedMs <= b.capturedMs ? [a, b] : [b, a];
    return { earlier, later, distanceM: metres, betweenMs };
  }

  /**
   * Whether the mark may be flagged now; if so, it is not again within the window.
   */
  claimFlag(vrm: string, nowMs: number): boolean {
    const at = this.flaggedAt.get(vrm);
    if (at !== undefined && nowMs < at + this.windowMs) return false;
    this.flaggedAt.set(vrm, nowMs);
    return true;
  }
}
