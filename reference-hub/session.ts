import type {
  Alert,
  CameraRegistry,
  EventPage,
  HotlistChanges,
  HubEvent,
  Read,
  ReadBatch,
  ReadRejection,
  ReadsAccepted,
  SessionStart,
  SessionState,
  UnitReports,
} from '../harness/hub-api/protocol.js';
import { TestbedError } from '../simulator/errors.js';
import { AgeingSet } from './ageing.js';
import { newCounters, type SessionCounters } from './counters.js';
import { Cameras, type Camera } from './cameras.js';
import { EventLog } from './event-log.js';
import { HotlistIndex, type EntryMatch } from './hotlist-index.js';
import { interceptNote, planIntercepts, type Intercept } from './intercept.js';
import { formatIso, parseIsoMs } from './iso-time.js';
import { JourneyWatch, type ImpossibleJourney, type LastRead } from './journeys.js';
import {
  MAX_SIMILAR_DIFFERENCES,
  SIMILAR_MATCH_FACTOR,
  type ResolvedHubOptions,
} from './options.js';
import type { RoadModel } from './road-model.js';
import { Units, type ActiveDispatch } from './units.js';

/** A change id is remembered this long (and at most twice it), by simulated time. */
const CHANGE_ID_RETENTION_MS = 24 * 3_600_000;

interface AlertWindow {
  alertId: string;
  startMs: number;
}

/**
 * One run against the hub: its clock, cameras, hotlist, units and events.
 *
 * Bounded, by simulated time: read ids are remembered for `retentionMs` to twice
 * that, as is each mark's last read (for impossible journeys); alert windows and
 * journey flags go once their window has passed; change ids after 24 to 48 hours.
 * Events kept for polling: the newest `maxEvents` (see EventLog). The hotlist,
 * cameras and units are the harness's own data and are kept whole.
 */
export class Session {
  readonly id: string;
  readonly start: SessionStart;
  readonly counters: SessionCounters = newCounters();
  private readonly cameras: Cameras;
  private readonly hotlist = new HotlistIndex(SIMILAR_MATCH_FACTOR, MAX_SIMILAR_DIFFERENCES);
  private readonly units: Units;
  private readonly journeys: JourneyWatch;
  private readonly seenReads: AgeingSet<string>;
  private readonly seenChanges = new AgeingSet<string>(CHANGE_ID_RETENTION_MS);
  private readonly windows = new Map<string, AlertWindow>();
  private readonly log: EventLog;
  private readonly startMs: number;
  private readonly startWallMs: number;
  private nowMs: number;
  private nowIso: string;
  private sweepAtMs = -Infinity;
  private alertCount = 0;
  private dispatchCount = 0;

  constructor(
    start: SessionStart,
    private readonly roads: RoadModel,
    private readonly options: ResolvedHubOptions,
  ) {
    if (start.delivery === 'push' && !start.callbackUrl) {
      throw new TestbedError('ATB_HUB_CALLBACK_MISSING');
    }
    this.id = start.sessionId;
    this.start = start;
    this.startMs = timeOf(start.startAt, '/startAt');
    this.startWallMs = options.clockMs();
    this.nowMs = this.startMs;
    this.nowIso = formatIso(this.startMs);
    this.cameras = new Cameras(roads);
    this.units = new Units(roads);
    this.journeys = new JourneyWatch(options.retentionMs, options.windowMs);
    this.seenReads = new AgeingSet(options.retentionMs);
    this.log = new EventLog(options.maxEvents);
    this.advanceTo(this.startMs);
  }

  state(): SessionState {
    this.advanceTo(this.nowMs);
    return {
      sessionId: this.id,
      now: this.nowIso,
      reads: this.counters.readsAccepted,
      events: this.log.raised,
    };
  }

  setCameras(registry: CameraRegistry): void {
    this.advanceTo(this.nowMs);
    this.cameras.replace(registry.cameras);
  }

  applyHotlist(changes: HotlistChanges): void {
    this.advanceTo(this.nowMs);
    for (const change of changes.changes) {
      if (this.seenChanges.has(change.changeId)) {
        this.counters.changesRepeated++;
        continue;
      }
      this.seenChanges.add(change.changeId);
      this.counters.changesApplied++;
      if (change.action === 'upsert') this.hotlist.upsert(change.entry);
      else if (this.hotlist.remove(change.entryId)) this.standDownFor(change.entryId);
    }
  }

  acceptReads(batch: ReadBatch): ReadsAccepted {
    this.advanceTo(timeOf(batch.sentAt, '/sentAt'));
    const rejected: ReadRejection[] = [];
    let accepted = 0;
    const reads = batch.reads;
    for (let i = 0; i < reads.length; i++) {
      const read = reads[i]!;
      if (this.seenReads.has(read.readId)) {
        accepted++;
        this.counters.readsRepeated++;
        continue;
      }
      const camera = this.cameras.get(read.cameraId);
      if (!camera) {
        rejected.push({ index: i, readId: read.readId, problem: unknownCamera(read.cameraId) });
        continue;
      }
      this.seenReads.add(read.readId);
      accepted++;
      this.counters.readsAccepted++;
      this.process(read, camera);
    }
    this.counters.readsRejected += rejected.length;
    return { accepted, rejected };
  }

  reportUnits(reports: UnitReports): void {
    this.advanceTo(this.nowMs);
    const finished = this.units.report(reports, timeOf(reports.at, '/at'));
    this.counters.dispatchesFinished += finished.length;
  }

  advanceClock(nowIso: string): SessionState {
    this.advanceTo(timeOf(nowIso, '/now'));
    return this.state();
  }

  eventsAfter(cursor: string, limit: number): EventPage {
    return this.log.page(cursor, limit);
  }

  /**
   * Events raised since the last call, for push delivery and the in-process driver.
   */
  takeEvents(): HubEvent[] {
    return this.log.take();
  }

  private process(read: Read, camera: Camera): void {
    const capturedMs = parseIsoMs(read.capturedAt);
    let previous: LastRead | undefined;
    if (camera.placesVehicle && !Number.isNaN(capturedMs)) {
      const current = { readId: read.readId, camera, capturedMs };
      previous = this.journeys.record(read.vrm, current);
      const journey = previous && this.journeys.check(previous, current);
      if (journey && this.journeys.claimFlag(read.vrm, this.nowMs)) {
        this.flagJourney(read.vrm, journey);
      }
    }
    const matches = this.hotlist.match(read.vrm, read.confidence);
    for (const match of matches) this.onMatch(read, camera, match, capturedMs, previous);
  }

  private onMatch(
    read: Read,
    camera: Camera,
    match: EntryMatch,
    capturedMs: number,
    previous: LastRead | undefined,
  ): void {
    if (match.match === 'similar' && match.confidence < this.options.minSimilarConfidence) {
      this.counters.similarBelowFloor++;
      return;
    }
    const alertId = this.alertFor(read, camera, match);
    const { entry } = match;
    const { dispatchMaxPriority, minDispatchConfidence } = this.options;
    if (entry.priority > dispatchMaxPriority || match.confidence < minDispatchConfidence) return;
    // Limitation: an open dispatch is never redirected, even when later reads show the
    // vehicle went another way; the hub waits for the unit to report free.
    if (this.units.activeFor(entry.entryId).length > 0 || Number.isNaN(capturedMs)) return;
    const plan = planIntercepts(this.roads, this.cameras, this.units, {
      camera,
      capturedMs,
      nowMs: this.nowMs,
      priority: entry.priority,
      previous,
      headingDeg: read.headingDeg,
    });
    if (typeof plan === 'string') this.counters.noDispatch[plan]++;
    else for (const intercept of plan) this.dispatch(intercept, entry.entryId, alertId, entry.vrm);
  }

  /**
   * Raises an alert unless the entry's window is open; returns the window's alert
   * id.
   */
  private alertFor(read: Read, camera: Camera, match: EntryMatch): string {
    const { entry } = match;
    const open = this.windows.get(entry.entryId);
    if (open && this.nowMs < open.startMs + this.options.windowMs) {
      this.counters.alertsWithinWindow++;
      return open.alertId;
    }
    const alertId = `a${++this.alertCount}`;
    this.windows.set(entry.entryId, { alertId, startMs: this.nowMs });
    this.counters.alerts++;
    const alert: Alert = {
      type: 'alert',
      eventId: this.nextEventId(),
      at: this.nowIso,
      alertId,
      readId: read.readId,
      entryId: entry.entryId,
      vrm: entry.vrm,
      readVrm: read.vrm,
      cameraId: camera.site.cameraId,
      category: entry.category,
      priority: entry.priority,
      match: match.match,
      confidence: Math.round(match.confidence * 1000) / 1000,
    };
    this.log.append(alert);
    return alertId;
  }

  private dispatch(intercept: Intercept, entryId: string, alertId: string, vrm: string): void {
    const dispatchId = `d${++this.dispatchCount}`;
    const { unit, point } = intercept;
    this.units.assign({
      dispatchId,
      unitId: unit.unitId,
      entryId,
      alertId,
      atMs: this.nowMs,
      acknowledged: false,
    });
    this.counters.dispatches++;
    const graph = this.roads.graph;
    this.log.append({
      type: 'dispatch',
      eventId: this.nextEventId(),
      at: this.nowIso,
      dispatchId,
      unitId: unit.unitId,
      alertId,
      vrm,
      to: { lon: graph.nodeLon[point.node]!, lat: graph.nodeLat[point.node]! },
      note: interceptNote(intercept, this.roads.roadName(point.edge)),
    });
  }

  private standDownFor(entryId: string): void {
    for (const dispatch of [...this.units.activeFor(entryId)]) this.standDown(dispatch);
  }

  private standDown(dispatch: ActiveDispatch): void {
    this.units.finish(dispatch);
    this.counters.standDowns++;
    this.log.append({
      type: 'stand-down',
      eventId: this.nextEventId(),
      at: this.nowIso,
      dispatchId: dispatch.dispatchId,
      unitId: dispatch.unitId,
    });
  }

  private flagJourney(vrm: string, journey: ImpossibleJourney): void {
    this.counters.impossibleJourneys++;
    this.log.append({
      type: 'impossible-journey',
      eventId: this.nextEventId(),
      at: this.nowIso,
      vrm,
      readIds: [journey.earlier.readId, journey.later.readId],
      distanceKm: Math.round(journey.distanceM / 100) / 10,
      minutes: Math.round(journey.betweenMs / 6_000) / 10,
    });
  }

  private nextEventId(): string {
    return `e${this.log.raised + 1}`;
  }

  /**
   * The hub's now is the latest time it has been told (clock advances, batches'
   * sentAt) or, in real time, the wall clock's since the start at the session's
   * speed if later.
   */
  private advanceTo(toMs: number): void {
    let nowMs = Math.max(this.nowMs, toMs);
    if (this.start.mode === 'real') {
      const wallMs = (this.options.clockMs() - this.startWallMs) * this.start.speed;
      nowMs = Math.max(nowMs, this.startMs + wallMs);
    }
    if (nowMs !== this.nowMs) {
      this.nowMs = nowMs;
      this.nowIso = formatIso(nowMs);
    }
    if (nowMs >= this.sweepAtMs) this.sweep(nowMs);
  }

  private sweep(nowMs: number): void {
    this.seenReads.advanceTo(nowMs);
    this.seenChanges.advanceTo(nowMs);
    this.journeys.advanceTo(nowMs);
    for (const [entryId, window] of this.windows) {
      const open = nowMs < window.startMs + this.options.windowMs;
      if (!open && this.units.activeFor(entryId).length === 0) this.windows.delete(entryId);
    }
    this.counters.eventsDropped = this.log.dropped;
    this.sweepAtMs = nowMs + 60_000;
  }
}

function timeOf(text: string, path: string): number {
  const ms = parseIsoMs(text);
  if (Number.isNaN(ms)) {
    throw new TestbedError('ATB_HUB_TIME_INVALID', { path, value: text.slice(0, 40) });
  }
  return ms;
}

function unknownCamera(cameraId: string): string {
  return `Unknown camera "${cameraId}": it is not in the camera registry`;
}
