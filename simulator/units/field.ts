import type { Network } from '../network/index.js';
import type { Trip } from '../world/types.js';
import { snapDestination } from './destination.js';
import { planDrive } from './drive.js';
import { resolveOptions, type ResolvedFieldOptions } from './options.js';
import type { UnitSpec } from './roster.js';
import { TripLog } from './trip-log.js';
import type {
  DispatchAnswer,
  DispatchOrder,
  DispatchRejection,
  FieldEvent,
  FieldOptions,
  UnitState,
  UnitStats,
} from './types.js';
import { UnitRun, type Job } from './unit.js';
import { Watch } from './watch.js';

/**
 * The police units on the road network, and whether the hub's dispatches intercept
 * their targets, judged against the trips vehicles truly make.
 *
 * Contract: the caller adds every trip departing before time t, in departure order,
 * before it calls `advance`, `dispatch`, `stand` or `units` with time t, and those
 * times never go backwards. An outcome at time t is then final, since a trip not yet
 * added departs at t or later. A trip that departs before a time at which outcomes
 * were already judged breaks the contract and throws; before any dispatch, trips may
 * lag (the world's lead-in trips may come after the units are first reported). The
 * same calls in the same order give the same events.
 */
export class Field {
  private readonly network: Network;
  private readonly options: ResolvedFieldOptions;
  private readonly runs: UnitRun[];
  private readonly runById = new Map<string, UnitRun>();
  private readonly log: TripLog;
  /** Open jobs by target vehicle, so that a target's new trips reach their watch. */
  private readonly watching = new Map<number, Job[]>();
  private readonly openJobs = new Map<string, UnitRun>();
  private readonly dispatchIds = new Set<string>();
  private pending: FieldEvent[] = [];
  private nowMs = -Infinity;
  /** The latest time an outcome was judged at: trips departing before it must be known. */
  private judgedMs = -Infinity;
  private lastDepartMs = -Infinity;

  constructor(network: Network, roster: readonly UnitSpec[], options?: FieldOptions) {
    this.network = network;
    this.options = resolveOptions(options);
    this.log = new TripLog(network.graph);
    const ctx = {
      network,
      options: this.options,
      emit: (event: FieldEvent) => this.pending.push(event),
      judging: (atMs: number) => {
        this.judgedMs = Math.max(this.judgedMs, atMs);
      },
      closed: (job: Job) => this.close(job),
    };
    this.runs = roster.map((spec) => new UnitRun(spec, ctx));
    for (const run of this.runs) {
      if (this.runById.has(run.spec.unitId)) {
        throw new RangeError(`Unit ${run.spec.unitId} is on the roster twice`);
      }
      this.runById.set(run.spec.unitId, run);
    }
  }

  /** Takes the world's next trip; constant time unless its vehicle is a target. */
  addTrip(trip: Trip): void {
    const { id, departMs } = trip;
    if (departMs < this.lastDepartMs) {
      throw new RangeError(
        `Trips must be added in departure order: trip ${id} departs at ${departMs}, ` +
          `before the previous one at ${this.lastDepartMs}`,
      );
    }
    if (departMs < this.judgedMs) {
      throw new RangeError(
        `Trip ${id} departs at ${departMs}, but outcomes were judged at ${this.judgedMs}; ` +
          'a trip must be added before the field reaches its departure',
      );
    }
    this.lastDepartMs = departMs;
    this.log.add(trip);
    const jobs = this.watching.get(trip.vehicleId);
    if (jobs) for (const job of jobs) job.watch.observe(trip);
  }

  /** Sends a unit to the node nearest a point, or says why it cannot go. */
  dispatch(order: DispatchOrder): DispatchAnswer {
    this.moveTo(order.atMs, 'dispatch');
    const { unitId, dispatchId, atMs } = order;
    const run = this.runById.get(unitId);
    if (!run) return refuse('unknown-unit', `There is no unit ${unitId} on duty`);
    if (this.dispatchIds.has(dispatchId)) {
      return refuse('repeated-dispatch', `Dispatch ${dispatchId} has been made before`);
    }
    run.settle(atMs);
    if (!run.free) {
      return refuse('unit-busy', `Unit ${unitId} is ${run.stateAt(atMs).status}`);
    }

    const snapped = snapDestination(this.network, order.to);
    if (!snapped.ok) return refuse('off-road', snapped.message);
    const fromNode = run.nodeAt(atMs);
    const route = this.network.router.route(fromNode, snapped.node);
    if (!route) return refuse('unreachable', `No road leads from ${unitId} to the point`);

    this.dispatchIds.add(dispatchId);
    const job = this.open(order, fromNode, snapped.node, route.edges);
    run.assign(job);
    this.openJobs.set(dispatchId, run);
    return { accepted: true, arriveMs: job.drive.endMs, node: snapped.node };
  }

  /**
   * The hub cancels a dispatch: the unit is free at the node it reached most
   * recently and heads for base. False when the dispatch had already ended (stop,
   * miss or stand-down); a unit already busy with a stop carries on with it.
   */
  stand(dispatchId: string, atMs: number): boolean {
    this.moveTo(atMs, 'stand');
    const run = this.openJobs.get(dispatchId);
    if (!run) return false;
    run.settle(atMs);
    if (run.job?.order.dispatchId !== dispatchId) return false;
    run.standDown(atMs);
    return true;
  }

  /** Plays every unit up to `toMs` and hands over the events, in time order. */
  advance(toMs: number): FieldEvent[] {
    this.moveTo(toMs, 'advance');
    for (const run of this.runs) run.settle(toMs);
    this.log.forgetEndedBefore(toMs - this.options.horizonMs);
    const events = this.pending;
    this.pending = [];
    // The sort is stable: one unit's events at one time keep their causal order.
    return events.sort((a, b) => a.atMs - b.atMs || compareIds(a.unitId, b.unitId));
  }

  /** Every unit's status and position at `atMs`, in roster order. */
  units(atMs: number): UnitState[] {
    this.moveTo(atMs, 'units');
    return this.runs.map((run) => {
      run.settle(atMs);
      return run.stateAt(atMs);
    });
  }

  /** Each unit's work, in roster order; busy time counts up to the field's time. */
  stats(): UnitStats[] {
    return this.runs.map((run) => run.statsAt(this.nowMs));
  }

  /** True while any unit has an outcome or the end of a stop still to come. */
  busy(): boolean {
    return this.runs.some((run) => run.working);
  }

  /** Vehicles and trips held in memory. */
  retained(): { vehicles: number; trips: number } {
    return this.log.size;
  }

  private moveTo(atMs: number, call: string): void {
    if (!Number.isFinite(atMs) || atMs < this.nowMs) {
      throw new RangeError(
        `${call} at ${atMs} would go back before the field's time ${this.nowMs}`,
      );
    }
    this.nowMs = atMs;
  }

  private open(order: DispatchOrder, from: number, node: number, edges: number[]): Job {
    const { graph } = this.network;
    const factor = this.options.responseSpeedFactor;
    const drive = planDrive(graph, from, edges, order.atMs, factor);
    const vehicleId = order.target.vehicleId;
    const watch = new Watch(graph, node, order.atMs);
    for (const trip of this.log.tripsOf(vehicleId)) watch.observe(trip);

    const job = {
      order,
      drive,
      watch,
      giveUpMs: drive.endMs + this.options.maxWaitMs,
      arrived: false,
    };
    const jobs = this.watching.get(vehicleId);
    if (jobs) jobs.push(job);
    else this.watching.set(vehicleId, [job]);
    return job;
  }

  private close(job: Job): void {
    this.openJobs.delete(job.order.dispatchId);
    const vehicleId = job.order.target.vehicleId;
    const others = (this.watching.get(vehicleId) ?? []).filter((j) => j !== job);
    if (others.length > 0) this.watching.set(vehicleId, others);
    else this.watching.delete(vehicleId);
  }
}

function refuse(reason: DispatchRejection, message: string): DispatchAnswer {
  return { accepted: false, reason, message };
}

/** Plain code-unit order, the same in every locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
