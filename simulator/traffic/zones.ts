import type { Network } from '../network/index.js';

/**
 * Zones are where trips start and end: every place of the network (in the order of its
 * places file) and then every gateway. A vehicle's `homeZone` indexes this list.
 */
export interface Zone {
  index: number;
  name: string;
  kind: 'place' | 'gateway';
  node: number;
  /** The place's area or the gateway's neighbouring area, for registration regions. */
  area: string;
  lon: number;
  lat: number;
  /** Relative weight as a home of vehicles and as a destination. */
  weight: number;
  insideForceArea: boolean;
}

/**
 * Outside the force only a share of a town's traffic touches the modelled roads (most of
 * Leeds' trips stay in Leeds), so places outside count at this fraction of their people.
 * Our estimate, set with the through-traffic share so flows near the border match counts.
 */
const OUTSIDE_PLACE_FACTOR = 0.12;

/** Hamlets, farms and junctions without a population still draw a little traffic. */
const MIN_PLACE_WEIGHT = 40;

export function buildZones(network: Network): Zone[] {
  const places = network.fixture.places.features.map((f, i): Zone => {
    const p = f.properties;
    const people = Math.max(MIN_PLACE_WEIGHT, p.population);
    return {
      index: i,
      name: p.name,
      kind: 'place',
      node: network.places[i]!.node,
      area: p.area,
      lon: f.geometry.coordinates[0],
      lat: f.geometry.coordinates[1],
      weight: p.insideForceArea ? people : people * OUTSIDE_PLACE_FACTOR,
      insideForceArea: p.insideForceArea,
    };
  });
  const offset = places.length;
  const gateways = network.fixture.gateways.features.map((f, i): Zone => ({
    index: offset + i,
    name: f.properties.name,
    kind: 'gateway',
    node: network.gateways[i]!.node,
    area: f.properties.leadsTo,
    lon: f.geometry.coordinates[0],
    lat: f.geometry.coordinates[1],
    weight: gatewayWeight(network, f.properties.road),
    insideForceArea: false,
  }));
  return [...places, ...gateways];
}

/** Through traffic enters mostly by the big roads: weight gateways by their road's class. */
function gatewayWeight(network: Network, roadId: string): number {
  const road = network.graph.roads.find((r) => r.id === roadId);
  const byClass = { motorway: 12, trunk: 8, primary: 4, secondary: 1.2, minor: 0.4 } as const;
  return road ? byClass[road.class] : 1;
}
