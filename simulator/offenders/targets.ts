import { distanceM, findPlace, type Network } from '../network/index.js';
import { AliasTable, type Random } from '../random.js';

/**
 * Where a group goes to offend. Operation Hawk's targets are farms, outbuildings and
 * rural businesses (DOMAIN.md), so by default a group picks among the villages,
 * hamlets and farms inside the force area. The pull of a place falls off either side
 * of a preferred distance from home: a log-normal distance-decay, one of the
 * journey-to-crime functions in Levine's CrimeStat. Local offenders have a short
 * preferred distance (Wiles and Costello 2000: a mean of about 1.7 miles for
 * burglars), cross-border teams one of tens of miles.
 */

const RURAL_KINDS: ReadonlySet<string> = new Set(['village', 'hamlet', 'farm']);

/**
 * Spread of the decay on the log scale; 0.5 keeps most targets within a factor 2.7.
 */
const DISTANCE_SIGMA = 0.5;

export interface TargetChoice {
  /** Candidates, as indices into `network.places` (which are also zones). */
  readonly places: readonly number[];
  /** Draws one candidate's place index. */
  draw(random: Random): number;
}

export interface TargetOptions {
  /** Index of the group's home in `network.places`. */
  homePlace: number;
  /** Places the group limits itself to; empty for rural places in the force area. */
  targets: readonly string[];
  targetDistanceKmMedian: number;
}

/** The targets open to a group, or null when no place qualifies. */
export function targetChoice(network: Network, options: TargetOptions): TargetChoice | null {
  if (options.targets.length > 0) return listedTargets(network, options.targets);
  const places = ruralCandidates(network, options.homePlace);
  if (places.length === 0) return null;
  const weights = decayWeights(network, options.homePlace, places, options);
  const table = new AliasTable(weights);
  return { places, draw: (random) => places[table.draw(random)]! };
}

/** Straight-line distance between two places of the network, kilometres. */
export function placeDistanceKm(network: Network, a: number, b: number): number {
  const features = network.fixture.places.features;
  return distanceM(features[a]!.geometry.coordinates, features[b]!.geometry.coordinates) / 1000;
}

function listedTargets(network: Network, names: readonly string[]): TargetChoice {
  const places = [...new Set(names.map((name) => placeIndex(network, name)))];
  return { places, draw: (random) => random.pick(places) };
}

/** The index of a named place in `network.places`; unknown names fail. */
export function placeIndex(network: Network, name: string): number {
  return network.places.indexOf(findPlace(network, name));
}

/** Rural places inside the force area that can be driven to from home. */
function ruralCandidates(network: Network, homePlace: number): number[] {
  const homeNode = network.places[homePlace]!.node;
  const homeComponent = network.componentOf[homeNode];
  const places: number[] = [];
  network.fixture.places.features.forEach((feature, i) => {
    const { kind, insideForceArea } = feature.properties;
    if (i === homePlace || !insideForceArea || !RURAL_KINDS.has(kind)) return;
    const node = network.places[i]!.node;
    if (node === homeNode || network.componentOf[node] !== homeComponent) return;
    places.push(i);
  });
  return places;
}

/**
 * The log-normal density of each candidate's distance. Its 1/d factor offsets the
 * way candidates multiply with distance (a ring's area grows with its radius), so
 * over an even spread of places the chosen distances have a median near the setting.
 */
function decayWeights(
  network: Network,
  homePlace: number,
  places: readonly number[],
  options: TargetOptions,
): Float64Array {
  const medianKm = options.targetDistanceKmMedian;
  const logWeights = places.map((p) => {
    const km = Math.max(placeDistanceKm(network, homePlace, p), 0.1);
    const z = Math.log(km / medianKm) / DISTANCE_SIGMA;
    return -0.5 * z * z - Math.log(km);
  });
  // Scaled by the largest before exponentiating, so far-off homes do not underflow
  // to 0.
  const top = Math.max(...logWeights);
  return Float64Array.from(logWeights, (w) => Math.exp(w - top));
}
