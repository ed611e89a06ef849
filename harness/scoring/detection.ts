import type { CameraKind } from '../../simulator/network/fixture.js';
import type { HotlistCategory } from '../../simulator/scenario/schema.js';
import type { HotlistChange, Read, Sighting } from '../../simulator/world/types.js';
import type { Alert, JourneyFlag } from '../hub-api/protocol.js';
import { LatencyRecorder, type Percentiles } from './latency.js';
import { mostUrgent, TruthHotlist } from './truth-hotlist.js';

/**
 * Alerts from one sighting's neighbours count for it: a hub raises one alert per vehicle
 * in a spell, not one per camera, so a listed vehicle read by three cameras in ten minutes
 * is detected once the first of them alerts. This is how far apart they may be.
 */
export const COVER_WINDOW_MS = 15 * 60_000;

/**
 * A second alert on the same mark this soon after another is a duplicate: the operator
 * already knows the vehicle is about. Ten minutes is a common suppression setting for hubs.
 */
export const DUPLICATE_WINDOW_MS = 10 * 60_000;

/** A sighting of a vehicle showing a mark that was on the hotlist when it was seen. */
interface ListedSighting {
  sightingId: string;
  vehicleId: number;
  vrm: string;
  cameraKind: CameraKind;
  atMs: number;
  category: HotlistCategory;
  /** At least one of its reads reached the hub. */
  delivered: boolean;
  /** Its own read raised an alert. */
  alerted: boolean;
}

export type FalseAlertReason = 'misread' | 'unknown-read' | 'not-listed';

export interface Share {
  opportunities: number;
  detected: number;
  recall: number | null;
}

export interface DetectionScores {
  /** Listed sightings of which at least one read reached the hub. */
  opportunities: number;
  detected: number;
  recall: number | null;
  recallByCategory: Record<string, Share>;
  recallByCameraKind: Record<string, Share>;
  /** Listed sightings no read of which reached the hub (camera misses, failed deliveries). */
  unread: number;
  alerts: number;
  trueAlerts: number;
  /** Alerts on a mark already alerted on in the ten minutes before. */
  duplicateAlerts: number;
  falseAlerts: number;
  falseAlertsByReason: Record<FalseAlertReason, number>;
  /** Alerts on marks listed after the sighting but before the read reached the hub: right. */
  lateListingAlerts: number;
  latencyMs: Percentiles;
  impossibleJourneys: { flags: number; clonedMarks: number; clonedMarksFlagged: number };
}

/**
 * Detection scoring: which listed sightings the hub alerted on, how fast, and which of its
 * alerts were false. Ground truth comes from the world's batches; the hub's alerts are
 * matched to the read that raised them.
 */
export class DetectionBook {
  /** The hotlist as it stood when the latest observed sighting was seen. */
  private readonly hotlist = new TruthHotlist();
  private readonly listed = new Map<string, ListedSighting>();
  /** True alerts by mark: simulated times, for cover and duplicates. */
  private readonly alertTimes = new Map<string, number[]>();
  private readonly latency = new LatencyRecorder();
  private readonly falseReasons: Record<FalseAlertReason, number> = {
    misread: 0,
    'unknown-read': 0,
    'not-listed': 0,
  };
  private alerts = 0;
  private trueAlerts = 0;
  private duplicates = 0;
  private lateListing = 0;
  private flags = 0;
  private readonly flaggedMarks = new Set<string>();

  /** @param clonedMarks marks offenders show on cloned plates. */
  constructor(private readonly clonedMarks: ReadonlySet<string>) {}

  /** The world's hotlist changes and sightings of a batch, each list in time order. */
  observe(changes: readonly HotlistChange[], sightings: readonly Sighting[]): void {
    let c = 0;
    for (const s of sightings) {
      while (c < changes.length && changes[c]!.atMs <= s.atMs) this.hotlist.apply(changes[c++]!);
      const entry = mostUrgent(this.hotlist.entries(s.vrm));
      if (!entry) continue;
      this.listed.set(s.sightingId, {
        sightingId: s.sightingId,
        vehicleId: s.vehicleId,
        vrm: s.vrm,
        cameraKind: s.cameraKind,
        atMs: s.atMs,
        category: entry.category,
        delivered: false,
        alerted: false,
      });
    }
    while (c < changes.length) this.hotlist.apply(changes[c++]!);
  }

  /** A read the hub accepted. */
  delivered(read: Read): void {
    const sighting = this.listed.get(read.sightingId);
    if (sighting) sighting.delivered = true;
  }

  /**
   * An alert from the hub, with the read it names (undefined when the harness never sent
   * such a read) and its latency; `listedNow` says whether its mark is listed at receipt.
   * Returns whether the alert was true: the vehicle read really showed the alerted mark.
   */
  alert(
    alert: Alert,
    read: Read | undefined,
    latencyMs: number,
    atMs: number,
    listedNow: boolean,
  ): boolean {
    this.alerts++;
    if (!read) {
      this.falseReasons['unknown-read']++;
      return false;
    }
    if (read.shownVrm !== alert.vrm) {
      this.falseReasons.misread++;
      return false;
    }
    const sighting = this.listed.get(read.sightingId);
    if (!sighting) {
      if (listedNow) this.lateListing++;
      else this.falseReasons['not-listed']++;
      return listedNow;
    }
    this.trueAlerts++;
    const times = this.alertTimes.get(alert.vrm) ?? [];
    if (times.some((t) => atMs - t < DUPLICATE_WINDOW_MS)) this.duplicates++;
    times.push(atMs);
    this.alertTimes.set(alert.vrm, times);
    if (!sighting.alerted) {
      sighting.alerted = true;
      this.latency.recordMs(latencyMs);
    }
    return true;
  }

  flag(flag: JourneyFlag): void {
    this.flags++;
    this.flaggedMarks.add(flag.vrm);
  }

  /** Listed sightings of a vehicle, for the offender tables. */
  sightingsOf(vehicleIds: ReadonlySet<number>): { atMs: number; detected: boolean; vrm: string }[] {
    const out = [];
    for (const s of this.listed.values()) {
      if (vehicleIds.has(s.vehicleId))
        out.push({ atMs: s.atMs, detected: this.covered(s), vrm: s.vrm });
    }
    return out;
  }

  scores(): DetectionScores {
    const all = tally();
    const byCategory = new Map<string, Tally>();
    const byKind = new Map<string, Tally>();
    let unread = 0;
    for (const s of this.listed.values()) {
      if (!s.delivered) {
        unread++;
        continue;
      }
      const detected = this.covered(s);
      for (const t of [all, entry(byCategory, s.category), entry(byKind, s.cameraKind)]) {
        t.opportunities++;
        if (detected) t.detected++;
      }
    }
    const clonedFlagged = [...this.clonedMarks].filter((m) => this.flaggedMarks.has(m)).length;
    return {
      opportunities: all.opportunities,
      detected: all.detected,
      recall: ratio(all.detected, all.opportunities),
      recallByCategory: shares(byCategory),
      recallByCameraKind: shares(byKind),
      unread,
      alerts: this.alerts,
      trueAlerts: this.trueAlerts,
      duplicateAlerts: this.duplicates,
      falseAlerts: Object.values(this.falseReasons).reduce((a, b) => a + b, 0),
      falseAlertsByReason: { ...this.falseReasons },
      lateListingAlerts: this.lateListing,
      latencyMs: this.latency.percentiles(),
      impossibleJourneys: {
        flags: this.flags,
        clonedMarks: this.clonedMarks.size,
        clonedMarksFlagged: clonedFlagged,
      },
    };
  }

  /** Listed sightings, those that reached the hub, and those detected, by category. */
  funnel(): Record<string, { sightings: number; delivered: number; detected: number }> {
    const out: Record<string, { sightings: number; delivered: number; detected: number }> = {};
    for (const s of this.listed.values()) {
      const f = (out[s.category] ??= { sightings: 0, delivered: 0, detected: 0 });
      f.sightings++;
      if (!s.delivered) continue;
      f.delivered++;
      if (this.covered(s)) f.detected++;
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  private covered(s: ListedSighting): boolean {
    if (s.alerted) return true;
    const times = this.alertTimes.get(s.vrm);
    return times !== undefined && times.some((t) => Math.abs(t - s.atMs) <= COVER_WINDOW_MS);
  }
}

interface Tally {
  opportunities: number;
  detected: number;
}

function tally(): Tally {
  return { opportunities: 0, detected: 0 };
}

function entry(map: Map<string, Tally>, key: string): Tally {
  let t = map.get(key);
  if (!t) map.set(key, (t = tally()));
  return t;
}

function shares(map: Map<string, Tally>): Record<string, Share> {
  const out: Record<string, Share> = {};
  for (const key of [...map.keys()].sort()) {
    const t = map.get(key)!;
    out[key] = { ...t, recall: ratio(t.detected, t.opportunities) };
  }
  return out;
}

export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}
