import type { RoadGraph } from '../network/index.js';
import type { Trip } from '../world/types.js';
import { passesAt } from './passage.js';
import type { MissReason, StopKind } from './types.js';

/** A stretch of time the target is at the node: a pass (fromMs = toMs) or a stay. */
interface Visit {
  fromMs: number;
  toMs: number;
  /** The plate shown on the trip that brought the vehicle there. */
  vrm: string;
  /** When that trip departed. */
  tripDepartMs: number;
}

/** Where the target's last known trip left it, parked until its next trip departs. */
interface LastEnd {
  node: number;
  stay: Visit;
}

export type Verdict =
  | { kind: 'stop'; atMs: number; how: StopKind; vrm: string }
  | { kind: 'miss'; atMs: number; reason: MissReason };

/**
 * What a unit sent to a node can see of its target, from the dispatch onward: the
 * target's passes of that node and its stays there between trips. Trips are fed in
 * departure order, those known at the dispatch first and then each as the world
 * plays it.
 */
export class Watch {
  readonly node: number;
  private readonly graph: RoadGraph;
  private readonly sinceMs: number;
  private readonly visits: Visit[] = [];
  private last: LastEnd | null = null;

  constructor(graph: RoadGraph, node: number, sinceMs: number) {
    this.graph = graph;
    this.node = node;
    this.sinceMs = sinceMs;
  }

  observe(trip: Trip): void {
    const { vrm, departMs } = trip;
    if (this.last?.node === this.node) this.keep({ ...this.last.stay, toMs: departMs });

    const passes = passesAt(this.graph, trip, this.node);
    for (const atMs of passes.timesMs) {
      this.keep({ fromMs: atMs, toMs: atMs, vrm, tripDepartMs: departMs });
    }
    if (passes.lastNode < 0) return;
    const stay = { fromMs: passes.endMs, toMs: Infinity, vrm, tripDepartMs: departMs };
    this.last = { node: passes.lastNode, stay };
  }

  /**
   * The outcome for a unit at the node from `arriveMs` that gives up at `giveUpMs`,
   * or null while it is still open. Sound only when every trip departing before
   * `nowMs` has been observed: a trip not yet seen can put the target at the node no
   * earlier than `nowMs`.
   */
  judge(arriveMs: number, giveUpMs: number, nowMs: number): Verdict | null {
    const visits = this.visitsNow();
    const first = firstVisitFrom(visits, arriveMs);
    if (first && first.atMs < giveUpMs && first.atMs <= nowMs) {
      const how = first.visit.fromMs < arriveMs ? 'parked' : 'on-route';
      return { kind: 'stop', atMs: first.atMs, how, vrm: first.visit.vrm };
    }
    if (nowMs < giveUpMs) return null;
    const reason = missReason(visits, arriveMs, giveUpMs);
    return { kind: 'miss', atMs: giveUpMs, reason };
  }

  /** Keeps a visit that lasts until the dispatch or later; drops overlapping trips' gaps. */
  private keep(visit: Visit): void {
    if (visit.toMs < this.sinceMs || visit.toMs < visit.fromMs) return;
    this.visits.push(visit);
  }

  /** The visits, with the open-ended stay after the last known trip. */
  private visitsNow(): readonly Visit[] {
    const last = this.last;
    return last?.node === this.node ? [...this.visits, last.stay] : this.visits;
  }
}

function firstVisitFrom(visits: readonly Visit[], fromMs: number) {
  let best: { atMs: number; visit: Visit } | null = null;
  for (const visit of visits) {
    if (visit.toMs < fromMs) continue;
    const atMs = Math.max(visit.fromMs, fromMs);
    if (!best || atMs < best.atMs) best = { atMs, visit };
  }
  return best;
}

/**
 * Why the target never came while the unit waited: it had already gone by; it was on
 * its way there but too late (on a trip under way before the unit gave up); or its
 * movements never brought it there at all, which includes a target seen on no trip.
 */
function missReason(visits: readonly Visit[], arriveMs: number, giveUpMs: number) {
  const late = (v: Visit) => v.fromMs >= giveUpMs && v.tripDepartMs < giveUpMs;
  if (visits.some((v) => v.fromMs < arriveMs)) return 'passed-before-arrival';
  if (visits.some(late)) return 'waited-too-long';
  return 'not-on-path';
}
