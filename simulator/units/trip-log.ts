import type { RoadGraph } from '../network/index.js';
import type { Trip } from '../world/types.js';
import { tripEndMs } from './passage.js';

/** One vehicle's trips still held, in departure order. */
interface VehicleTrips {
  trips: Trip[];
  /** The first trip has left the queue and is held only for where it left the vehicle. */
  firstKept: boolean;
}

/** A queue is compacted once this many forgotten slots have gathered at its head. */
const COMPACT_AT = 4096;

/**
 * The trips of the night that may still matter to a dispatch, by vehicle. Adding a
 * trip is constant time and keeps a reference to it (its edges are never copied).
 * Forgetting walks the trips in the order they were added, so each trip's end is
 * worked out once, when it comes up to be forgotten.
 *
 * A trip that ended before the cutoff is still held while it is the vehicle's latest
 * to have departed before the cutoff: the vehicle stays parked where that trip ended
 * until its next trip departs, which may be after a dispatch even when the next trip
 * is already known.
 *
 * Limitation: a long trip at the head of the queue holds back the forgetting of
 * shorter trips added after it until it too has ended, so memory holds up to the
 * horizon plus the longest trip.
 */
export class TripLog {
  private readonly graph: RoadGraph;
  private readonly byVehicle = new Map<number, VehicleTrips>();
  private readonly queue: Trip[] = [];
  private head = 0;
  /** The end of the trip at the head of the queue, once worked out. */
  private headEndMs: number | null = null;
  private tripCount = 0;

  constructor(graph: RoadGraph) {
    this.graph = graph;
  }

  add(trip: Trip): void {
    const known = this.byVehicle.get(trip.vehicleId);
    if (known) known.trips.push(trip);
    else this.byVehicle.set(trip.vehicleId, { trips: [trip], firstKept: false });
    this.queue.push(trip);
    this.tripCount++;
  }

  /** The vehicle's trips still held, in departure order. */
  tripsOf(vehicleId: number): readonly Trip[] {
    return this.byVehicle.get(vehicleId)?.trips ?? [];
  }

  /** Forgets trips that ended before `cutoffMs` and are no longer needed. */
  forgetEndedBefore(cutoffMs: number): void {
    while (this.head < this.queue.length) {
      const trip = this.queue[this.head]!;
      if (trip.departMs >= cutoffMs) break;
      this.headEndMs ??= tripEndMs(this.graph, trip);
      if (this.headEndMs >= cutoffMs) break;

      this.leaveQueue(trip);
      this.head++;
      this.headEndMs = null;
    }
    if (this.head >= COMPACT_AT && this.head * 2 >= this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }

  /** Vehicles and trips held, for tests and memory checks. */
  get size(): { vehicles: number; trips: number } {
    return { vehicles: this.byVehicle.size, trips: this.tripCount };
  }

  /**
   * The trip departed before the cutoff, so the one kept before it is done with; the
   * trip is now its vehicle's first (the queue gives trips in the order added) and is
   * kept in turn.
   */
  private leaveQueue(trip: Trip): void {
    const known = this.byVehicle.get(trip.vehicleId)!;
    if (known.firstKept) {
      known.trips.shift();
      this.tripCount--;
    }
    known.firstKept = true;
  }
}
