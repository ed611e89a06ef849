import type { Network } from '../../simulator/network/index.js';
import type { UnitState } from '../../simulator/units/index.js';
import type { HotlistChange, Read } from '../../simulator/world/types.js';
import type * as Wire from '../hub-api/protocol.js';
import { iso } from '../generate/records.js';

/**
 * The world's records as the Hub API carries them. Only what a real camera or a real
 * hotlist feed would tell a hub goes over: a read loses its ground truth (the sighting it
 * came from, whether it was misread, the vehicle that really passed).
 */

export function wireRead(read: Read): Wire.Read {
  return {
    readId: read.readId,
    vrm: read.vrm,
    cameraId: read.cameraId,
    capturedAt: iso(read.capturedAtMs),
    confidence: read.confidence,
    headingDeg: read.headingDeg,
  };
}

export function wireChange(change: HotlistChange): Wire.HotlistChange {
  if (change.action === 'remove') {
    return {
      action: 'remove',
      changeId: change.changeId,
      at: iso(change.atMs),
      entryId: change.entryId,
    };
  }
  return {
    action: 'upsert',
    changeId: change.changeId,
    at: iso(change.atMs),
    entry: {
      entryId: change.entryId,
      vrm: change.vrm,
      category: change.category,
      priority: change.priority,
      reason: change.reason,
      make: change.make,
      model: change.model,
      colour: change.colour,
    },
  };
}

/** The camera sites of the network, as the hub's registry. */
export function cameraRegistry(network: Network): Wire.CameraRegistry {
  const features = new Map(network.fixture.cameras.features.map((f) => [f.properties.id, f]));
  return {
    cameras: network.cameras.map((placement) => {
      const feature = features.get(placement.cameraId)!;
      const [lon, lat] = feature.geometry.coordinates;
      return {
        cameraId: placement.cameraId,
        kind: placement.kind,
        name: feature.properties.name,
        road: feature.properties.road,
        position: { lon, lat },
        headingsDeg: feature.properties.headingsDeg,
      };
    }),
  };
}

export function unitReports(atMs: number, units: readonly UnitState[]): Wire.UnitReports {
  return {
    at: iso(atMs),
    units: units.map((u) => ({
      unitId: u.unitId,
      callsign: u.callsign,
      kind: u.kind,
      status: u.status,
      position: { lon: u.lon, lat: u.lat },
      dispatchId: u.dispatchId,
    })),
  };
}
