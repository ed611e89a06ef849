import {
  createNetwork,
  type BaseFeature,
  type Network,
  type NetworkFixture,
  type Unit,
} from '../network/index.js';
import { road, roads } from '../network/testing.js';
import { parseIsoUtc } from '../time.js';
import type { Trip } from '../world/types.js';
import type { DispatchOrder } from './types.js';

/**
 * Helpers for tests of the field: a small network and trips on it.
 *
 * The network is a main road running east from -1.00 to -0.90 along latitude 54,
 * with a junction every 0.01 degrees (about 650 m, half a minute at free flow); a
 * spur running north from -0.95 to 54.02; and a short road 1.3 km north of the main
 * road that joins nothing. Base EAST (units east-rct and east-resp) stands at the
 * east end and base WEST (west-rct) at the west end.
 */

export const LAT = 54;
export const SPUR_END: [number, number] = [-0.95, 54.02];
export const ISLAND: [number, number] = [-0.985, 54.012];

/** 22:00 UTC on a November night. */
export const T0 = parseIsoUtc('2026-11-12T22:00:00Z')!;

const empty = { type: 'FeatureCollection' as const, features: [] };

export function testBase(id: string, lon: number, units: Unit[]): BaseFeature {
  return {
    type: 'Feature',
    properties: { id, name: `${id} station`, kind: 'station', units, source: 'test' },
    geometry: { type: 'Point', coordinates: [lon, LAT] },
  };
}

export function testFixture(bases?: BaseFeature[]): NetworkFixture {
  const main = Array.from({ length: 10 }, (_, i) =>
    road(`MAIN-${i}`, [
      [-1 + i * 0.01, LAT],
      [-1 + (i + 1) * 0.01, LAT],
    ]),
  );
  return {
    roads: roads(
      ...main,
      road('SPUR', [[-0.95, LAT], SPUR_END], { class: 'minor' }),
      road('ISLAND', [ISLAND, [-0.975, 54.012]], { class: 'minor' }),
    ),
    places: empty,
    gateways: empty,
    bases: {
      type: 'FeatureCollection',
      features: bases ?? [
        testBase('EAST', -0.9, [
          { id: 'east-rct', callsign: 'EAS RCT1', kind: 'road-crime' },
          { id: 'east-resp', callsign: 'EAS R1', kind: 'response' },
        ]),
        testBase('WEST', -1, [{ id: 'west-rct', callsign: 'WES RCT1', kind: 'road-crime' }]),
      ],
    },
    cameras: empty,
    boundary: null,
  };
}

export function testNetwork(bases?: BaseFeature[]): Network {
  return createNetwork(testFixture(bases));
}

/** The node of the main road at a longitude. */
export function mainNode(network: Network, lon: number): number {
  return network.index.nearestNode([lon, LAT]);
}

/** Free-flow seconds along the main road between two longitudes. */
export function mainTimeS(network: Network, fromLon: number, toLon: number): number {
  return network.router.route(mainNode(network, fromLon), mainNode(network, toLon))!.timeS;
}

/** A trip along the main road, its edges in a typed array as the world hands them out. */
export function mainTrip(
  network: Network,
  trip: { id: string; vehicleId: number; departMs: number; fromLon: number; toLon: number },
): Trip {
  const route = network.router.route(
    mainNode(network, trip.fromLon),
    mainNode(network, trip.toLon),
  )!;
  return {
    id: trip.id,
    vehicleId: trip.vehicleId,
    vrm: `YK21V${String(trip.vehicleId).padStart(2, '0')}`,
    departMs: trip.departMs,
    edges: Int32Array.from(route.edges),
    fromZone: 0,
    toZone: 1,
  };
}

/** An order to send a unit to a point on the main road (or anywhere, given `to`). */
export function order(
  fields: Pick<DispatchOrder, 'dispatchId' | 'unitId' | 'atMs'> & {
    lon?: number;
    to?: [number, number];
    vehicleId?: number;
  },
): DispatchOrder {
  const [lon, lat] = fields.to ?? [fields.lon ?? -0.95, LAT];
  const vehicleId = fields.vehicleId ?? 1;
  return {
    dispatchId: fields.dispatchId,
    unitId: fields.unitId,
    atMs: fields.atMs,
    to: { lon, lat },
    target: { vehicleId, vrm: `YK21V${String(vehicleId).padStart(2, '0')}` },
  };
}
