import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import type { Network } from '../../simulator/network/index.js';
import type { ResolvedScenario } from '../../simulator/scenario/resolve.js';
import { Field, rosterFor, type FieldEvent } from '../../simulator/units/index.js';
import { World, type WorldBatch } from '../../simulator/world/generate.js';
import type { HotlistChange, Read } from '../../simulator/world/types.js';
import type { HubDriver, ReceivedEvent } from '../hub-api/driver.js';
import type * as Wire from '../hub-api/protocol.js';
import { iso } from '../generate/records.js';
import { DetectionBook } from '../scoring/detection.js';
import { InterceptionBook } from '../scoring/interception.js';
import { TruthHotlist } from '../scoring/truth-hotlist.js';
import { SeriesBook, type RunSeries } from '../scoring/series.js';
import { HubLink, DEFAULT_RETRY, type RetryPolicy } from './hub-link.js';
import { Queue } from './queue.js';
import type { RunLog } from './run-log.js';
import { cameraRegistry, unitReports, wireChange, wireRead } from './wire.js';
import type { RunControl } from './control.js';

export type TimeMode = { kind: 'virtual'; tickMs: number } | { kind: 'real'; speed: number };

export interface RunOptions {
  scenario: ResolvedScenario;
  network: Network;
  driver: HubDriver;
  mode: TimeMode;
  log: RunLog;
  sessionId: string;
  retry?: RetryPolicy;
  /**
   * After the window ends the run goes on this long (simulated) for late uploads and
   * units still at work; reads due later still are sent at its end.
   */
  graceMs?: number;
  control?: RunControl;
  onProgress?: (progress: RunProgress) => void;
}

export interface RunProgress {
  /** Share of the window played, 0 to 1. */
  share: number;
  simMs: number;
  readsSent: number;
  alerts: number;
}

/** What a run gathered, before it is judged. */
export interface RunRecord {
  hub: Wire.HubInfo | null;
  /**
   * Every read generated is delivered, rejected or failed; a run stopped early leaves the
   * rest unsent.
   */
  reads: { generated: number; delivered: number; rejected: number; failed: number; unsent: number };
  rejectedByReason: Record<string, number>;
  detection: DetectionBook;
  interception: InterceptionBook;
  /** What the report draws. */
  series: RunSeries;
  field: Field;
  link: HubLink;
  events: { alerts: number; dispatches: number; standDowns: number; flags: number };
  sim: { startMs: number; endMs: number; reachedMs: number; ticks: number };
  wallMs: number;
  interrupted: boolean;
  notes: string[];
}

/** A read on its way: when it went, to time the alert it raises. */
interface SentRead {
  read: Read;
  sentWall: number;
  sentSim: number;
}

interface KnownAlert {
  read: Read | undefined;
  true: boolean;
}

const DEFAULT_GRACE_MS = 60 * 60_000;
/** Sent reads are remembered this long (simulated) for the alerts they may raise. */
const READ_MEMORY_MS = 2 * 60 * 60_000;
/** Unit positions are reported at least this often (simulated), and on every change. */
const UNIT_REPORT_EVERY_MS = 5 * 60_000;
/** In real time the loop wakes at least this often (wall clock). */
const REAL_TIME_STEP_MS = 50;

/**
 * Plays a scenario into a hub and gathers what it did. The world runs ahead, batch by
 * batch; the runner delivers hotlist changes and reads at their times, tells the hub the
 * time, collects its alerts and dispatches, and moves the units. In virtual time the clock
 * moves a tick at a time, as fast as the hub answers; in real time it follows the wall
 * clock at the chosen speed.
 */
export async function runScenario(options: RunOptions): Promise<RunRecord> {
  return new Run(options).play();
}

class Run {
  private readonly scenario: ResolvedScenario;
  private readonly world: World;
  private readonly field: Field;
  private readonly detection: DetectionBook;
  private readonly interception: InterceptionBook;
  private readonly link: HubLink;
  private readonly series: SeriesBook;
  private readonly log: RunLog;
  private readonly pendingReads = new Queue<Read>();
  private readonly pendingChanges = new Queue<HotlistChange>();
  /** The hotlist as the runner has delivered it, up to the current simulated time. */
  private readonly current = new TruthHotlist();
  private readonly sent = new Map<string, SentRead>();
  private readonly alerts = new Map<string, KnownAlert>();
  private readonly dispatchOnFalseAlert = new Map<string, boolean>();
  /** Where each dispatch sits in the series, to record how it ended. */
  private readonly dispatchIndex = new Map<string, number>();
  private readonly rejectedByReason = new Map<string, number>();
  private readonly counts = { generated: 0, delivered: 0, rejected: 0, failed: 0, unsent: 0 };
  private readonly events = { alerts: 0, dispatches: 0, standDowns: 0, flags: 0 };
  private readonly notes: string[] = [];
  /** Hotlist changes the hub never took, after retries. */
  private hotlistLost = 0;
  private simNow: number;
  private ticks = 0;
  private lastUnitReport = -Infinity;
  private unitsChanged = false;
  private wallStart = 0;

  constructor(private readonly options: RunOptions) {
    this.scenario = options.scenario;
    this.simNow = options.scenario.startMs;
    this.log = options.log;
    this.world = new World(options.scenario, options.network, { keepTrips: true });
    const roster = rosterFor(options.network, options.scenario.units);
    this.notes.push(...this.world.notes, ...roster.notes);
    this.field = new Field(options.network, roster.units);
    const cloned = new Set(
      this.world.journeys.flatMap((j) =>
        j.vehicles.filter((v) => v.kind === 'cloned').map((v) => v.shownVrm),
      ),
    );
    this.detection = new DetectionBook(cloned);
    this.interception = new InterceptionBook(this.world.journeys, this.world.offences, cloned);
    this.link = new HubLink(options.driver, this.log, options.retry ?? DEFAULT_RETRY);
    this.series = new SeriesBook(
      options.network,
      options.scenario.startMs,
      options.scenario.endMs,
      this.world.journeys,
    );
  }

  async play(): Promise<RunRecord> {
    this.wallStart = performance.now();
    this.log.at(this.simNow);
    const hub = await this.open();
    const { startMs, endMs } = this.scenario;
    let first = true;
    for (const batch of this.world.play()) {
      // The clock starts once the world's first batch is ready, so that in real time the
      // first simulated minutes are not lost to building it.
      if (first) this.wallStart = performance.now();
      first = false;
      this.take(batch);
      await this.playUntil(Math.min(batch.simTimeMs, endMs));
      if (this.options.control?.stopped) break;
    }
    await this.playUntil(endMs);
    await this.grace(endMs + (this.options.graceMs ?? DEFAULT_GRACE_MS));
    await this.close();
    const interrupted = this.options.control?.stopped ?? false;
    if (this.hotlistLost > 0)
      this.notes.push(`${this.hotlistLost} hotlist changes never reached the hub.`);
    if (interrupted) this.notes.push('The run was stopped before the end of its window.');
    const outcomes = new Map(this.interception.journeys().map((j) => [j.journeyId, j.outcome]));
    const series = this.series.result(this.detection.funnel(), outcomes);
    this.log.write('series', { series });
    return {
      hub,
      series,
      reads: { ...this.counts },
      rejectedByReason: Object.fromEntries([...this.rejectedByReason].sort((a, b) => b[1] - a[1])),
      detection: this.detection,
      interception: this.interception,
      field: this.field,
      link: this.link,
      events: { ...this.events },
      sim: { startMs, endMs, reachedMs: this.simNow, ticks: this.ticks },
      wallMs: performance.now() - this.wallStart,
      interrupted,
      notes: this.notes,
    };
  }

  private async open(): Promise<Wire.HubInfo | null> {
    const driver = this.options.driver;
    const info = await this.link.call('info', () => driver.info());
    if (info.ok) {
      this.log.write('hub', { info: info.value, target: driver.target });
      this.maxBatchSize = info.value.limits.maxReadsPerBatch;
    }
    const mode = this.options.mode;
    const started = await this.link.call('start', () =>
      driver.start({
        sessionId: this.options.sessionId,
        scenario: this.scenario.name,
        seed: this.scenario.seed,
        mode: mode.kind,
        startAt: iso(this.scenario.startMs),
        speed: mode.kind === 'real' ? mode.speed : 1,
      }),
    );
    if (!started.ok) this.notes.push(`The hub did not start the session: ${started.fault.message}`);
    const registry = cameraRegistry(this.options.network);
    const cameras = await this.link.call('cameras', () => driver.cameras(registry), {
      cameras: registry.cameras.length,
    });
    if (!cameras.ok)
      this.notes.push(`The hub did not take the camera registry: ${cameras.fault.message}`);
    await this.reportUnits(true);
    return info.ok ? info.value : null;
  }

  private take(batch: WorldBatch): void {
    this.detection.observe(batch.hotlist, batch.sightings);
    for (const trip of batch.trips) {
      this.field.addTrip(trip);
      this.series.trip(trip);
    }
    for (const change of batch.hotlist) this.pendingChanges.push(change);
    for (const read of batch.reads) this.pendingReads.push(read);
    this.counts.generated += batch.reads.length;
  }

  private async playUntil(untilMs: number): Promise<void> {
    const mode = this.options.mode;
    while (this.simNow < untilMs && !this.options.control?.stopped) {
      const next =
        mode.kind === 'virtual'
          ? Math.min(untilMs, this.simNow + mode.tickMs)
          : await this.realTimeTarget(untilMs, mode.speed);
      if (next > this.simNow) await this.tick(next);
    }
  }

  /**
   * The window is over. In virtual time the run goes on while reads are due or units are
   * at work, up to `limitMs`, skipping idle stretches; whatever is still due then is sent
   * at once. A run that was stopped sends nothing more.
   */
  private async grace(limitMs: number): Promise<void> {
    const stopped = () => this.options.control?.stopped ?? false;
    const mode = this.options.mode;
    if (mode.kind === 'virtual') {
      while (
        this.simNow < limitMs &&
        !stopped() &&
        (this.pendingReads.size > 0 || this.field.busy())
      ) {
        let next = this.simNow + mode.tickMs;
        if (!this.field.busy()) next = Math.max(next, this.pendingReads.peek()!.deliveredAtMs + 1);
        await this.tick(Math.min(limitMs, next));
      }
    }
    if (stopped()) {
      this.counts.unsent += this.pendingReads.size;
      this.pendingReads.clear();
      return;
    }
    if (this.pendingReads.size > 0) {
      this.notes.push(
        `${this.pendingReads.size} reads were due after the run's end and were sent at its end.`,
      );
      await this.tick(this.simNow + 1, Infinity);
    }
  }

  /** Waits for the wall clock and returns the simulated time it has reached. */
  private async realTimeTarget(untilMs: number, speed: number): Promise<number> {
    const control = this.options.control;
    await sleep(REAL_TIME_STEP_MS);
    while (control?.paused && !control.stopped) {
      await this.collect();
      await sleep(REAL_TIME_STEP_MS);
    }
    const elapsed = performance.now() - this.wallStart - (control?.pausedMs ?? 0);
    return Math.min(untilMs, Math.max(this.simNow, this.scenario.startMs + elapsed * speed));
  }

  /** Delivers everything due before `toMs` (or, with `readsUntil`, all reads before it). */
  private async tick(toMs: number, readsUntil = toMs): Promise<void> {
    this.ticks++;
    await this.deliver(toMs, readsUntil);
    this.simNow = toMs;
    this.log.at(toMs);
    if (this.options.mode.kind === 'virtual') {
      const clock = { now: iso(toMs) };
      await this.link.call('clock', () => this.options.driver.advance(clock), clock);
    }
    await this.collect();
    this.moveUnits();
    await this.reportUnits(false);
    this.forgetOldReads();
    this.options.onProgress?.({
      share: Math.min(
        1,
        (toMs - this.scenario.startMs) / (this.scenario.endMs - this.scenario.startMs),
      ),
      simMs: toMs,
      readsSent: this.counts.delivered + this.counts.rejected + this.counts.failed,
      alerts: this.events.alerts,
    });
  }

  /** Hotlist changes and reads due before `toMs`, in time order: a change goes before later reads. */
  private async deliver(toMs: number, readsUntil: number): Promise<void> {
    let reads: Read[] = [];
    for (;;) {
      const change = this.pendingChanges.peek();
      const read = this.pendingReads.peek();
      const changeDue = change !== undefined && change.atMs < toMs;
      const readDue = read !== undefined && read.deliveredAtMs < readsUntil;
      if (changeDue && (!readDue || change.atMs <= read.deliveredAtMs)) {
        await this.sendReads(reads, toMs);
        reads = [];
        await this.sendChanges(toMs);
      } else if (readDue) {
        reads.push(this.pendingReads.shift()!);
      } else break;
    }
    await this.sendReads(reads, toMs);
  }

  private async sendChanges(toMs: number): Promise<void> {
    const changes: HotlistChange[] = [];
    const firstRead = this.pendingReads.peek()?.deliveredAtMs ?? Infinity;
    while (this.pendingChanges.size > 0) {
      const next = this.pendingChanges.peek()!;
      if (next.atMs >= toMs || next.atMs > firstRead) break;
      changes.push(this.pendingChanges.shift()!);
    }
    for (const change of changes) this.current.apply(change);
    this.hotlistLost += await this.link.hotlist(changes.map(wireChange));
  }

  private async sendReads(reads: readonly Read[], atMs: number): Promise<void> {
    if (reads.length === 0) return;
    const limit = this.maxBatch();
    for (let from = 0; from < reads.length; from += limit) {
      const part = reads.slice(from, from + limit);
      const batch = { sentAt: iso(atMs), reads: part.map(wireRead) };
      const sentWall = performance.now();
      const outcome = await this.link.reads(batch);
      part.forEach((read, i) => {
        if (outcome.acceptedAt[i]) {
          this.sent.set(read.readId, { read, sentWall, sentSim: atMs });
          this.detection.delivered(read);
          this.series.delivered(read, atMs);
        }
      });
      this.counts.delivered += outcome.accepted;
      this.counts.rejected += outcome.rejected.length;
      this.counts.failed += outcome.failed;
      for (const r of outcome.rejected) {
        const reason = r.problem.slice(0, 120);
        this.rejectedByReason.set(reason, (this.rejectedByReason.get(reason) ?? 0) + 1);
      }
    }
  }

  /** Reads per request: the hub's own limit, at most this. */
  private maxBatchSize = 5_000;

  private maxBatch(): number {
    return Math.max(1, Math.min(5_000, this.maxBatchSize));
  }

  /** Takes the hub's events and acts on them. */
  private async collect(): Promise<void> {
    const driver = this.options.driver;
    const result = await this.link.call('events', () => driver.events());
    this.link.drainDriverFaults();
    if (!result.ok) return;
    for (const received of result.value) this.handle(received);
  }

  private handle({ event, receivedAt }: ReceivedEvent): void {
    this.log.write('event', { event });
    switch (event.type) {
      case 'alert':
        this.onAlert(event, receivedAt);
        return;
      case 'dispatch':
        this.onDispatch(event);
        return;
      case 'stand-down':
        this.events.standDowns++;
        if (this.field.stand(event.dispatchId, this.simNow)) this.interception.stoodDown();
        this.unitsChanged = true;
        return;
      case 'impossible-journey':
        this.events.flags++;
        this.detection.flag(event);
        return;
    }
  }

  private onAlert(alert: Wire.Alert, receivedAt: number): void {
    this.events.alerts++;
    const sent = this.sent.get(alert.readId);
    const held = this.options.mode.kind === 'virtual' && sent ? this.simNow - sent.sentSim : 0;
    const latencyMs = sent ? Math.max(0, receivedAt - sent.sentWall) + held : 0;
    const isTrue = this.detection.alert(
      alert,
      sent?.read,
      latencyMs,
      this.simNow,
      this.current.isListed(alert.vrm),
    );
    if (isTrue && sent) this.interception.alerted(sent.read.vehicleId, this.simNow);
    this.series.alert(this.simNow, isTrue, sent ? latencyMs : null, {
      cameraId: alert.cameraId,
      category: alert.category,
      priority: alert.priority,
    });
    this.alerts.set(alert.alertId, { read: sent?.read, true: isTrue });
  }

  private onDispatch(dispatch: Wire.Dispatch): void {
    this.events.dispatches++;
    this.interception.dispatched();
    const alert = this.alerts.get(dispatch.alertId);
    this.dispatchOnFalseAlert.set(dispatch.dispatchId, !(alert?.true ?? false));
    const answer = this.field.dispatch({
      dispatchId: dispatch.dispatchId,
      unitId: dispatch.unitId,
      atMs: this.simNow,
      to: dispatch.to,
      target: { vehicleId: alert?.read?.vehicleId ?? -1, vrm: dispatch.vrm },
    });
    this.dispatchIndex.set(dispatch.dispatchId, this.series.dispatches.length);
    this.series.dispatches.push({
      at: iso(this.simNow),
      dispatchId: dispatch.dispatchId,
      unitId: dispatch.unitId,
      lon: dispatch.to.lon,
      lat: dispatch.to.lat,
      outcome: answer.accepted ? 'en-route' : `refused: ${answer.reason}`,
    });
    if (!answer.accepted) {
      this.interception.dispatchRefused(answer.reason);
      this.log.write('dispatch-refused', {
        dispatchId: dispatch.dispatchId,
        reason: answer.reason,
        message: answer.message,
      });
    } else {
      this.log.write('dispatch-accepted', {
        dispatchId: dispatch.dispatchId,
        arriveAt: iso(answer.arriveMs),
      });
    }
    this.unitsChanged = true;
  }

  private moveUnits(): void {
    const events: FieldEvent[] = this.field.advance(this.simNow);
    for (const event of events) {
      this.log.write('field', { event });
      const falseAlert =
        'dispatchId' in event ? (this.dispatchOnFalseAlert.get(event.dispatchId) ?? false) : false;
      const verdict = this.interception.field(event, this.current, falseAlert);
      if ('dispatchId' in event) {
        const entry = this.series.dispatches[this.dispatchIndex.get(event.dispatchId) ?? -1];
        if (entry && event.kind !== 'arrived')
          entry.outcome = event.kind === 'missed' ? `missed: ${event.reason}` : 'stopped';
      }
      if (event.kind === 'stopped' && verdict) {
        this.series.stops.push({
          at: iso(event.atMs),
          unitId: event.unitId,
          lon: event.lon,
          lat: event.lat,
          vrm: event.vrm,
          verdict,
        });
      }
    }
    if (events.length > 0) this.unitsChanged = true;
  }

  private async reportUnits(force: boolean): Promise<void> {
    if (!force && !this.unitsChanged && this.simNow - this.lastUnitReport < UNIT_REPORT_EVERY_MS)
      return;
    const reports = unitReports(this.simNow, this.field.units(this.simNow));
    this.lastUnitReport = this.simNow;
    this.unitsChanged = false;
    await this.link.call('units', () => this.options.driver.units(reports), {
      units: reports.units.length,
    });
  }

  private forgetOldReads(): void {
    const before = this.simNow - READ_MEMORY_MS;
    for (const [id, sent] of this.sent) {
      if (sent.sentSim >= before) break;
      this.sent.delete(id);
    }
  }

  private async close(): Promise<void> {
    await this.collect();
    await this.link.call('end', () => this.options.driver.end());
  }
}
