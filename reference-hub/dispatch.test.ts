import { beforeAll, describe, expect, it } from 'vitest';
import { loadNetworkFixture } from '../harness/network/load.js';
import type { Dispatch, HubEvent, UnitReport } from '../harness/hub-api/protocol.js';
import { createNetwork, type CameraWatch, type Network } from '../simulator/network/index.js';
import { ReferenceHub } from './hub.js';
import type { PathPoint } from './likely-path.js';
import { INTERCEPT_LEAD_MS, LIKELY_PATH_M, RESPONSE_SPEED_FACTOR } from './options.js';
import { RoadModel } from './road-model.js';
import { at, cameraSites, entry, read, remove, sessionStart, unitAt, upsert } from './testing.js';

const COPMANTHORPE = 'fx-a64-at-copmanthorpe-a64-a1237';
const HOPGROVE = 'fx-a64-at-hopgrove-a64-a1237';
const MALTON = 'fx-a64-at-malton-a64-a169';
const IN_CAR = 'ic-northallerton-local-rct-1';

let network: Network;
let roads: RoadModel;

beforeAll(async () => {
  network = createNetwork(await loadNetworkFixture());
  roads = new RoadModel(network, LIKELY_PATH_M);
});

function hubWith(...listed: ReturnType<typeof entry>[]): ReferenceHub {
  const hub = new ReferenceHub(network);
  hub.startSession(sessionStart());
  hub.cameras('s1', { cameras: cameraSites(network) });
  hub.hotlist('s1', { changes: listed.map((e, i) => upsert(`c${i}`, e)) });
  return hub;
}

function watchesAt(cameraId: string): CameraWatch[] {
  return roads.watchesOf(cameraSites(network).find((c) => c.cameraId === cameraId)!);
}

/** The likely path from a camera in the direction that ends furthest east. */
function eastbound(cameraId: string): readonly PathPoint[] {
  const paths = watchesAt(cameraId).map((w) => roads.pathFrom(w));
  const endLon = (p: readonly PathPoint[]) => network.graph.nodeLon[p.at(-1)!.node]!;
  return paths.reduce((a, b) => (endLon(a) > endLon(b) ? a : b));
}

function westbound(cameraId: string): readonly PathPoint[] {
  const east = eastbound(cameraId);
  return watchesAt(cameraId)
    .map((w) => roads.pathFrom(w))
    .find((p) => p !== east)!;
}

/** The first point of a path at least `minutes` of driving past the camera. */
function pointAfter(path: readonly PathPoint[], minutes: number): PathPoint {
  return path.find((p) => p.afterS >= minutes * 60)!;
}

function reportUnits(hub: ReferenceHub, minutes: number, ...units: UnitReport[]): void {
  hub.units('s1', { at: at(minutes), units });
}

function dispatches(events: HubEvent[]): Dispatch[] {
  return events.filter((e): e is Dispatch => e.type === 'dispatch');
}

function newDispatches(hub: ReferenceHub): Dispatch[] {
  return dispatches(hub.takeEvents('s1'));
}

/**
 * Where on the path a dispatch sends its unit, with the checks that it gets ahead.
 */
function placeOnPath(d: Dispatch, path: readonly PathPoint[], unitNode: number, lagS: number) {
  const g = network.graph;
  const point = path.find((p) => g.nodeLon[p.node] === d.to.lon && g.nodeLat[p.node] === d.to.lat);
  if (!point) return null;
  const unitS = roads.timesFrom(unitNode)[point.node]! / RESPONSE_SPEED_FACTOR;
  return { index: path.indexOf(point), spareS: point.afterS - lagS - unitS };
}

describe('dispatching a unit to get ahead of the vehicle', () => {
  it('sends a unit ahead along the way the vehicle is going', () => {
    const hub = hubWith(entry('E1', 'YK71ABC'));
    const ahead = pointAfter(eastbound(HOPGROVE), 12).node;
    const behind = pointAfter(westbound(HOPGROVE), 12).node;
    // The first read, before any unit is known, tells the direction for the second.
    hub.reads('s1', { sentAt: at(0.5), reads: [read('r1', 'YK71ABC', COPMANTHORPE, 0)] });
    reportUnits(hub, 1, unitAt(network, 'rc-east', ahead), unitAt(network, 'rc-west', behind));
    hub.reads('s1', { sentAt: at(9.5), reads: [read('r2', 'YK71ABC', HOPGROVE, 9)] });

    const [order, ...others] = newDispatches(hub);
    expect(others).toEqual([]);
    expect(order).toMatchObject({
      type: 'dispatch',
      dispatchId: 'd1',
      unitId: 'rc-east',
      alertId: 'a1',
      vrm: 'YK71ABC',
      at: at(9.5),
    });
    expect(order!.note).toMatch(/^Intercept on the A64: vehicle due in \d+ min, unit in \d+ min$/);
    const place = placeOnPath(order!, eastbound(HOPGROVE), ahead, 30);
    expect(place).not.toBeNull();
    expect(place!.spareS).toBeGreaterThanOrEqual(INTERCEPT_LEAD_MS / 1000);
    expect(hub.counters('s1')).toMatchObject({ dispatches: 1, noDispatch: { 'no-unit-free': 1 } });
  });

  it('covers each way with its own unit when the direction is unknown', () => {
    const hub = hubWith(entry('E1', 'YK71ABC'));
    const east = pointAfter(eastbound(MALTON), 12).node;
    const west = pointAfter(westbound(MALTON), 12).node;
    reportUnits(hub, 0, unitAt(network, 'rc-east', east), unitAt(network, 'rc-west', west));
    hub.reads('s1', { sentAt: at(1), reads: [read('r1', 'YK71ABC', MALTON, 1)] });

    const orders = newDispatches(hub);
    expect(orders.map((d) => d.unitId).sort()).toEqual(['rc-east', 'rc-west']);
    const byUnit = new Map(orders.map((d) => [d.unitId, d]));
    expect(placeOnPath(byUnit.get('rc-east')!, eastbound(MALTON), east, 0)).not.toBeNull();
    expect(placeOnPath(byUnit.get('rc-west')!, westbound(MALTON), west, 0)).not.toBeNull();
    expect(orders[0]!.note).toContain('direction unknown, each way covered');
  });

  it('places a site the network does not know on the nearest road running its way', () => {
    const malton = cameraSites(network).find((c) => c.cameraId === MALTON)!;
    const pop = { ...malton, cameraId: 'pop-up-1', kind: 'rapid-deploy' as const };
    pop.position = { lon: malton.position.lon + 0.0004, lat: malton.position.lat + 0.0002 };
    const edges = (watches: CameraWatch[]) => watches.map((w) => w.edge).sort();
    expect(edges(roads.watchesOf(pop))).toEqual(edges(watchesAt(MALTON)));
    expect(roads.watchesOf({ ...pop, cameraId: 'pop-up-2', headingsDeg: [60] })).toHaveLength(1);

    const hub = hubWith(entry('E1', 'YK71ABC'));
    hub.cameras('s1', { cameras: [pop] });
    reportUnits(hub, 0, unitAt(network, 'u1', pointAfter(eastbound(MALTON), 12).node));
    hub.reads('s1', { sentAt: at(1), reads: [read('r1', 'YK71ABC', 'pop-up-1', 1)] });
    expect(newDispatches(hub).map((d) => d.unitId)).toEqual(['u1']);
  });

  it('sends no unit when none is free', () => {
    const hub = hubWith(entry('E1', 'YK71ABC'));
    const node = pointAfter(eastbound(MALTON), 12).node;
    reportUnits(hub, 0, unitAt(network, 'u1', node, { status: 'en-route', dispatchId: 'x9' }));
    hub.reads('s1', { sentAt: at(1), reads: [read('r1', 'YK71ABC', MALTON, 1)] });
    expect(newDispatches(hub)).toEqual([]);
    expect(hub.counters('s1').noDispatch['no-unit-free']).toBe(1);
  });

  it('sends no unit when none can get there before the vehicle', () => {
    const hub = hubWith(entry('E1', 'YK71ABC'));
    const camera = pointAfter(eastbound(MALTON), 0).node;
    const times = roads.timesFrom(camera);
    const farthest = times.reduce((best, t, n) => (t > times[best]! ? n : best), 0);
    reportUnits(hub, 0, unitAt(network, 'far', farthest));
    hub.reads('s1', { sentAt: at(1), reads: [read('r1', 'YK71ABC', MALTON, 1)] });
    expect(newDispatches(hub)).toEqual([]);
    expect(hub.counters('s1').noDispatch['no-unit-ahead']).toBe(1);
  });

  it('sends no unit after a vehicle read long ago', () => {
    const hub = hubWith(entry('E1', 'YK71ABC'));
    reportUnits(hub, 0, unitAt(network, 'u1', pointAfter(eastbound(MALTON), 12).node));
    hub.reads('s1', { sentAt: at(90), reads: [read('r1', 'YK71ABC', MALTON, 0)] });
    expect(newDispatches(hub)).toEqual([]);
    expect(hub.counters('s1').noDispatch['vehicle-gone']).toBe(1);
  });

  it('sends a road crime unit to a priority 1 alert when one can make it', () => {
    const path = eastbound(MALTON);
    const choose = (priority: number) => {
      const hub = hubWith(entry('E1', 'YK71ABC', { category: 'intelligence', priority }));
      reportUnits(
        hub,
        0,
        unitAt(network, 'resp', pointAfter(path, 10).node, { kind: 'response' }),
        unitAt(network, 'rct', pointAfter(path, 20).node, { kind: 'road-crime' }),
      );
      hub.reads('s1', { sentAt: at(1), reads: [read('r1', 'YK71ABC', MALTON, 1)] });
      return newDispatches(hub).map((d) => d.unitId);
    };
    expect(choose(1)).toContain('rct');
    expect(choose(2)).toContain('resp');
    expect(choose(3)).toEqual([]);
  });

  it('sends no unit on a doubtful match or a read from an in-car camera', () => {
    const hub = hubWith(entry('E1', 'YK71ABC'), entry('E2', 'NX22KLM'));
    reportUnits(hub, 0, unitAt(network, 'u1', pointAfter(eastbound(MALTON), 12).node));
    hub.reads('s1', {
      sentAt: at(1),
      reads: [read('r1', 'YK71A8C', MALTON, 1, 0.65), read('r2', 'NX22KLM', IN_CAR, 1)],
    });
    const raised = hub.takeEvents('s1');
    expect(raised.map((e) => e.type)).toEqual(['alert', 'alert']);
    expect(hub.counters('s1').noDispatch['camera-moves']).toBe(1);
  });
});

describe('the life of a dispatch', () => {
  function dispatched() {
    const hub = hubWith(entry('E1', 'YK71ABC'), entry('E2', 'NX22KLM'));
    const node = pointAfter(eastbound(MALTON), 12).node;
    reportUnits(hub, 0, unitAt(network, 'u1', node));
    hub.reads('s1', { sentAt: at(1), reads: [read('r1', 'YK71ABC', MALTON, 1)] });
    expect(newDispatches(hub).map((d) => [d.dispatchId, d.unitId])).toEqual([['d1', 'u1']]);
    return { hub, node };
  }

  it('keeps the unit busy until a report shows it free again', () => {
    const { hub, node } = dispatched();
    reportUnits(hub, 1, unitAt(network, 'u1', node)); // not yet on its way: still ours
    reportUnits(hub, 2, unitAt(network, 'u1', node, { status: 'en-route', dispatchId: 'd1' }));
    hub.reads('s1', { sentAt: at(3), reads: [read('r2', 'NX22KLM', MALTON, 3)] });
    expect(newDispatches(hub)).toEqual([]);
    expect(hub.counters('s1').noDispatch['no-unit-free']).toBe(1);

    reportUnits(hub, 4, unitAt(network, 'u1', node));
    hub.reads('s1', { sentAt: at(5), reads: [read('r3', 'NX22KLM', MALTON, 5)] });
    expect(newDispatches(hub).map((d) => [d.dispatchId, d.unitId, d.alertId])).toEqual([
      ['d2', 'u1', 'a2'],
    ]);
    expect(hub.counters('s1').dispatchesFinished).toBe(1);
  });

  it('sends no second unit while the entry has a dispatch open', () => {
    const { hub, node } = dispatched();
    reportUnits(hub, 1, unitAt(network, 'u2', node));
    hub.reads('s1', { sentAt: at(2), reads: [read('r2', 'YK71ABC', MALTON, 2)] });
    expect(newDispatches(hub)).toEqual([]);
  });

  it('stands the unit down when the entry is withdrawn', () => {
    const { hub } = dispatched();
    hub.hotlist('s1', { changes: [remove('c9', 'E1', 2)] });
    expect(hub.takeEvents('s1')).toEqual([
      { type: 'stand-down', eventId: 'e3', at: at(1), dispatchId: 'd1', unitId: 'u1' },
    ]);
    hub.reads('s1', { sentAt: at(3), reads: [read('r2', 'NX22KLM', MALTON, 3)] });
    expect(newDispatches(hub).map((d) => d.unitId)).toEqual(['u1']);
  });
});
