import { describe, expect, it } from 'vitest';
import { Field } from './field.js';
import { rosterFor } from './roster.js';
import { LAT, mainNode, mainTimeS, mainTrip, order, SPUR_END, T0, testNetwork } from './testing.js';

const network = testNetwork();
const roster = rosterFor(network, { roadCrime: 'all', response: 'all' }).units;
const MIN = 60_000;

/** When a unit from the east base reaches a point on the main road, dispatched at `atMs`. */
function arrivalFromEast(atMs: number, lon: number): number {
  return atMs + Math.round((mainTimeS(network, -0.9, lon) * 1000) / 1.3);
}

/** When a trip departing at `departMs` from `fromLon` passes `lon` on the main road. */
function passAt(departMs: number, fromLon: number, lon: number): number {
  return departMs + Math.round(mainTimeS(network, fromLon, lon) * 1000);
}

const eastbound = mainTrip(network, {
  id: 't-1-0-0',
  vehicleId: 1,
  departMs: T0,
  fromLon: -1,
  toLon: -0.9,
});

describe('a unit that reaches the point before its target', () => {
  it('stops the target on route at the moment it passes, then is busy with the stop', () => {
    const field = new Field(network, roster);
    field.addTrip(eastbound);
    const answer = field.dispatch(order({ dispatchId: 'd1', unitId: 'east-rct', atMs: T0 }));
    const arriveMs = arrivalFromEast(T0, -0.95);
    const passMs = passAt(T0, -1, -0.95);
    const node = mainNode(network, -0.95);
    expect(answer).toEqual({ accepted: true, arriveMs, node });
    expect(arriveMs).toBeLessThan(passMs);

    expect(field.advance(T0 + 3 * 60 * MIN)).toEqual([
      { kind: 'arrived', dispatchId: 'd1', unitId: 'east-rct', atMs: arriveMs, node },
      {
        kind: 'stopped',
        dispatchId: 'd1',
        unitId: 'east-rct',
        vehicleId: 1,
        vrm: eastbound.vrm,
        atMs: passMs,
        node,
        lon: -0.95,
        lat: LAT,
        how: 'on-route',
      },
      { kind: 'available', unitId: 'east-rct', atMs: passMs + 20 * MIN, node },
    ]);
    expect(field.stats()[0]).toEqual({
      unitId: 'east-rct',
      callsign: 'EAS RCT1',
      kind: 'road-crime',
      dispatches: 1,
      stops: 1,
      misses: 0,
      busyMs: passMs + 20 * MIN - T0,
    });
  });

  it('stops a target that has gone by but comes back past the point while it waits', () => {
    const field = new Field(network, roster);
    field.addTrip(eastbound);
    const atMs = T0 + MIN;
    field.dispatch(order({ dispatchId: 'd1', unitId: 'east-rct', atMs }));
    const back = { id: 't-1-0-1', vehicleId: 1, departMs: T0 + 10 * MIN, fromLon: -0.9, toLon: -1 };
    field.addTrip(mainTrip(network, back));

    const stop = field.advance(T0 + 60 * MIN).find((e) => e.kind === 'stopped');
    expect(stop).toMatchObject({ atMs: passAt(back.departMs, -0.9, -0.95), how: 'on-route' });
  });
});

describe('a unit that cannot intercept', () => {
  it('misses a target that passed before it arrived, once it has waited in vain', () => {
    const field = new Field(network, roster);
    field.addTrip(eastbound);
    const atMs = T0 + MIN;
    field.dispatch(order({ dispatchId: 'd1', unitId: 'east-rct', atMs }));
    const arriveMs = arrivalFromEast(atMs, -0.95);
    expect(arriveMs).toBeGreaterThan(passAt(T0, -1, -0.95));

    expect(field.advance(arriveMs + 29 * MIN).map((e) => e.kind)).toEqual(['arrived']);
    expect(field.units(arriveMs + 29 * MIN)[0]!.status).toBe('waiting');
    const node = mainNode(network, -0.95);
    expect(field.advance(arriveMs + 30 * MIN)).toEqual([
      {
        kind: 'missed',
        dispatchId: 'd1',
        unitId: 'east-rct',
        atMs: arriveMs + 30 * MIN,
        reason: 'passed-before-arrival',
      },
      { kind: 'available', unitId: 'east-rct', atMs: arriveMs + 30 * MIN, node },
    ]);
  });

  it('misses a target whose route never comes to the point', () => {
    const field = new Field(network, roster);
    field.addTrip(eastbound);
    field.dispatch(order({ dispatchId: 'd1', unitId: 'east-rct', atMs: T0, to: SPUR_END }));
    const events = field.advance(T0 + 3 * 60 * MIN);
    const arrived = events.find((e) => e.kind === 'arrived')!;
    expect(arrived.node).toBe(network.index.nearestNode(SPUR_END));
    expect(events.find((e) => e.kind === 'missed')).toEqual({
      kind: 'missed',
      dispatchId: 'd1',
      unitId: 'east-rct',
      atMs: arrived.atMs + 30 * MIN,
      reason: 'not-on-path',
    });
  });

  it('misses a target seen on no trip at all', () => {
    const field = new Field(network, roster);
    field.addTrip(eastbound);
    field.dispatch(order({ dispatchId: 'd1', unitId: 'east-rct', atMs: T0, vehicleId: 42 }));
    const missed = field.advance(T0 + 3 * 60 * MIN).find((e) => e.kind === 'missed');
    expect(missed).toMatchObject({
      reason: 'not-on-path',
      atMs: arrivalFromEast(T0, -0.95) + 30 * MIN,
    });
  });

  it('gives up on a target that is on its way but will pass only after the wait', () => {
    const field = new Field(network, roster, { maxWaitMs: MIN });
    field.dispatch(order({ dispatchId: 'd1', unitId: 'east-rct', atMs: T0 }));
    const late = { id: 't-1-0-0', vehicleId: 1, departMs: T0 + 100_000, fromLon: -1, toLon: -0.9 };
    field.addTrip(mainTrip(network, late));
    const arriveMs = arrivalFromEast(T0, -0.95);
    expect(passAt(late.departMs, -1, -0.95)).toBeGreaterThan(arriveMs + MIN);

    const missed = field.advance(T0 + 60 * MIN).find((e) => e.kind === 'missed');
    expect(missed).toMatchObject({ reason: 'waited-too-long', atMs: arriveMs + MIN });
  });
});

describe('a target parked at the point', () => {
  const toMiddle = { id: 't-1-0-0', vehicleId: 1, departMs: T0, fromLon: -1, toLon: -0.95 };

  it('is stopped as soon as the unit arrives', () => {
    const field = new Field(network, roster);
    field.addTrip(mainTrip(network, toMiddle));
    const atMs = T0 + 10 * MIN;
    field.dispatch(order({ dispatchId: 'd1', unitId: 'east-rct', atMs }));
    const stop = field.advance(T0 + 60 * MIN).find((e) => e.kind === 'stopped');
    expect(stop).toMatchObject({ atMs: arrivalFromEast(atMs, -0.95), how: 'parked', vehicleId: 1 });
  });

  it('has gone when it drove off before the unit arrived', () => {
    const field = new Field(network, roster);
    field.addTrip(mainTrip(network, toMiddle));
    const atMs = T0 + 10 * MIN;
    field.dispatch(order({ dispatchId: 'd1', unitId: 'east-rct', atMs }));
    const away = { id: 't-1-0-1', vehicleId: 1, departMs: atMs + 1000, fromLon: -0.95, toLon: -1 };
    field.addTrip(mainTrip(network, away));
    const missed = field.advance(T0 + 60 * MIN).find((e) => e.kind === 'missed');
    expect(missed).toMatchObject({ reason: 'passed-before-arrival' });
  });
});
