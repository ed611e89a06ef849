import type { Network } from '../network/index.js';
import { nodeReached, planDrive, type Drive } from './drive.js';
import type { ResolvedFieldOptions } from './options.js';
import type { UnitSpec } from './roster.js';
import type { DispatchOrder, FieldEvent, UnitState, UnitStats, UnitStatus } from './types.js';
import type { Verdict, Watch } from './watch.js';

/** A dispatch a unit is working on. */
export interface Job {
  order: DispatchOrder;
  drive: Drive;
  watch: Watch;
  giveUpMs: number;
  arrived: boolean;
}

type Phase =
  | { kind: 'idle'; node: number }
  | { kind: 'dispatched'; job: Job }
  | { kind: 'stopping'; node: number; untilMs: number; dispatchId: string }
  | { kind: 'returning'; drive: Drive };

/** What a unit needs from the field around it. */
export interface UnitContext {
  network: Network;
  options: ResolvedFieldOptions;
  emit(event: FieldEvent): void;
  /** Called whenever an outcome is judged, which relies on the trips known by then. */
  judging(nowMs: number): void;
  /** Called once a job is over, however it ended. */
  closed(job: Job): void;
}

/**
 * One police unit over time. It moves forward only: `settle` plays it up to a time,
 * giving its events in causal order, and every other method assumes it has been
 * settled there.
 */
export class UnitRun {
  readonly spec: UnitSpec;
  private readonly ctx: UnitContext;
  private phase: Phase;
  private dispatches = 0;
  private stops = 0;
  private misses = 0;
  private busyMs = 0;
  private busySinceMs: number | null = null;

  constructor(spec: UnitSpec, ctx: UnitContext) {
    this.spec = spec;
    this.ctx = ctx;
    this.phase = { kind: 'idle', node: spec.baseNode };
  }

  /** Plays the unit up to `nowMs`; needs the trips departing before `nowMs`. */
  settle(nowMs: number): void {
    for (;;) {
      const phase = this.phase;
      if (phase.kind === 'dispatched') {
        if (!this.settleJob(phase.job, nowMs)) return;
      } else if (phase.kind === 'stopping') {
        if (phase.untilMs > nowMs) return;
        this.release(phase.untilMs, phase.node);
      } else if (phase.kind === 'returning') {
        if (phase.drive.endMs > nowMs) return;
        this.phase = { kind: 'idle', node: phase.drive.toNode };
      } else {
        return;
      }
    }
  }

  /** True when the unit can take a dispatch: at a node or on its way to base. */
  get free(): boolean {
    return this.phase.kind === 'idle' || this.phase.kind === 'returning';
  }

  /** True while the unit has an outcome or the end of a stop still to come. */
  get working(): boolean {
    return this.phase.kind === 'dispatched' || this.phase.kind === 'stopping';
  }

  get job(): Job | null {
    return this.phase.kind === 'dispatched' ? this.phase.job : null;
  }

  /** The node reached most recently. */
  nodeAt(atMs: number): number {
    const phase = this.phase;
    const graph = this.ctx.network.graph;
    switch (phase.kind) {
      case 'idle':
      case 'stopping':
        return phase.node;
      case 'returning':
        return nodeReached(graph, phase.drive, atMs);
      case 'dispatched':
        return nodeReached(graph, phase.job.drive, atMs);
    }
  }

  assign(job: Job): void {
    this.phase = { kind: 'dispatched', job };
    this.busySinceMs = job.order.atMs;
    this.dispatches++;
  }

  /**
   * Ends the job where the unit is; the unit is then free and heads for base.
   *
   * Limitation: a unit stood down between junctions is put back at the last one it
   * passed.
   */
  standDown(atMs: number): void {
    const job = this.job;
    if (!job) return;
    const node = this.nodeAt(atMs);
    this.ctx.closed(job);
    this.release(atMs, node);
  }

  stateAt(atMs: number): UnitState {
    const graph = this.ctx.network.graph;
    const node = this.nodeAt(atMs);
    const { unitId, callsign, kind } = this.spec;
    return {
      unitId,
      callsign,
      kind,
      status: this.statusAt(atMs),
      node,
      lon: graph.nodeLon[node]!,
      lat: graph.nodeLat[node]!,
      atMs,
      dispatchId: this.dispatchId(),
    };
  }

  statsAt(nowMs: number): UnitStats {
    const { unitId, callsign, kind } = this.spec;
    const since = this.busySinceMs;
    const open = since === null ? 0 : Math.max(0, nowMs - since);
    return {
      unitId,
      callsign,
      kind,
      dispatches: this.dispatches,
      stops: this.stops,
      misses: this.misses,
      busyMs: this.busyMs + open,
    };
  }

  /** Moves a job on as far as `nowMs` allows; false while its outcome is open. */
  private settleJob(job: Job, nowMs: number): boolean {
    const { order, drive } = job;
    if (!job.arrived && drive.endMs <= nowMs) {
      job.arrived = true;
      this.emit({
        kind: 'arrived',
        dispatchId: order.dispatchId,
        unitId: order.unitId,
        atMs: drive.endMs,
        node: drive.toNode,
      });
    }
    this.ctx.judging(nowMs);
    const verdict = job.watch.judge(drive.endMs, job.giveUpMs, nowMs);
    if (!verdict) return false;
    this.ctx.closed(job);
    if (verdict.kind === 'stop') this.stopped(job, verdict);
    else this.missed(job, verdict);
    return true;
  }

  // Limitation: the stopped vehicle's trips carry on in the world, so another unit
  // sent for it can stop it again.
  private stopped(job: Job, verdict: Verdict & { kind: 'stop' }): void {
    const { order, drive } = job;
    const graph = this.ctx.network.graph;
    const node = drive.toNode;
    this.stops++;
    this.emit({
      kind: 'stopped',
      dispatchId: order.dispatchId,
      unitId: order.unitId,
      vehicleId: order.target.vehicleId,
      vrm: verdict.vrm,
      atMs: verdict.atMs,
      node,
      lon: graph.nodeLon[node]!,
      lat: graph.nodeLat[node]!,
      how: verdict.how,
    });
    const untilMs = verdict.atMs + this.ctx.options.stopDurationMs;
    this.phase = { kind: 'stopping', node, untilMs, dispatchId: order.dispatchId };
  }

  private missed(job: Job, verdict: Verdict & { kind: 'miss' }): void {
    const { order } = job;
    this.misses++;
    this.emit({
      kind: 'missed',
      dispatchId: order.dispatchId,
      unitId: order.unitId,
      atMs: verdict.atMs,
      reason: verdict.reason,
    });
    this.release(verdict.atMs, job.drive.toNode);
  }

  /**
   * The unit is free at `node`: it says so and drives back to base at the speed of
   * ordinary traffic.
   *
   * Limitation: a unit with no road back to its base (one-way roads) stays where it is.
   */
  private release(atMs: number, node: number): void {
    if (this.busySinceMs !== null) this.busyMs += atMs - this.busySinceMs;
    this.busySinceMs = null;
    this.emit({ kind: 'available', unitId: this.spec.unitId, atMs, node });

    const { graph, router } = this.ctx.network;
    const home = this.spec.baseNode;
    const route = node === home ? null : router.route(node, home);
    if (!route || route.edges.length === 0) {
      this.phase = { kind: 'idle', node };
      return;
    }
    this.phase = { kind: 'returning', drive: planDrive(graph, node, route.edges, atMs, 1) };
  }

  private statusAt(atMs: number): UnitStatus {
    const phase = this.phase;
    switch (phase.kind) {
      case 'idle':
        return 'available';
      case 'stopping':
        return 'stopping';
      case 'returning':
        return 'returning';
      case 'dispatched':
        return atMs < phase.job.drive.endMs ? 'en-route' : 'waiting';
    }
  }

  private dispatchId(): string | null {
    const phase = this.phase;
    if (phase.kind === 'dispatched') return phase.job.order.dispatchId;
    if (phase.kind === 'stopping') return phase.dispatchId;
    return null;
  }

  private emit(event: FieldEvent): void {
    this.ctx.emit(event);
  }
}
