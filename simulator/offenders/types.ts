import type { Static } from '@sinclair/typebox';
import type { Network } from '../network/index.js';
import type { OffenderGroup } from '../scenario/schema.js';
import type { Journey, Offence, Trip } from '../world/types.js';
import type { RegistryView } from './registry-view.js';

/** An offender group as the resolved scenario holds it, defaults filled. */
export type OffenderGroupSettings = Static<typeof OffenderGroup>;

export type JourneyVehicle = Journey['vehicles'][number];

/** Settings shared by every group: the scenario's `offenders` less its groups. */
export interface OffendingSettings {
  /** Share of journeys that leave between 20:00 and 04:00 UK time. */
  nightShare: number;
  dwellMinutesMedian: number;
  targetDistanceKmMedian: number;
}

export interface OffendingInput {
  seed: number;
  network: Network;
  registry: RegistryView;
  groups: readonly OffenderGroupSettings[];
  settings: OffendingSettings;
  /** The run's window; every journey leaves and returns inside it. */
  startMs: number;
  endMs: number;
}

/**
 * A vehicle the hotlist should learn of: a flagged vehicle's intelligence marker, or
 * a stolen vehicle once its theft is reported. The hotlist makes entries of them.
 */
export interface Listing {
  vehicleId: number;
  category: 'intelligence' | 'stolen';
  atMs: number;
  reason: string;
}

export interface OffendingPlan {
  trips: Trip[];
  journeys: Journey[];
  offences: Offence[];
  listings: Listing[];
  /**
   * Plain sentences on what could not be planned as asked, e.g. a dropped journey.
   */
  notes: string[];
}

export function emptyPlan(): OffendingPlan {
  return { trips: [], journeys: [], offences: [], listings: [], notes: [] };
}

/** Appends one plan's records to another's, in order. */
export function appendPlan(into: OffendingPlan, from: OffendingPlan): void {
  into.trips.push(...from.trips);
  into.journeys.push(...from.journeys);
  into.offences.push(...from.offences);
  into.listings.push(...from.listings);
  into.notes.push(...from.notes);
}
