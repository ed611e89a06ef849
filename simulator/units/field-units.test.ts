import { describe, expect, it } from 'vitest';
import { Field } from './field.js';
import { rosterFor } from './roster.js';
import { ISLAND, LAT, mainNode, mainTimeS, mainTrip, order, T0, testNetwork } from './testing.js';

const network = testNetwork();
const roster = rosterFor(network, { roadCrime: 'all', response: 'all' }).units;
const MIN = 60_000;
const eastBase = mainNode(network, -0.9);

const eastbound = mainTrip(network, {
  id: 't-1-0-0',
  vehicleId: 1,
  departMs: T0,
  fromLon: -1,
  toLon: -0.9,
});

describe('Field.dispatch', () => {
  it('starts every unit available at its base', () => {
    const field = new Field(network, roster);
    expect(field.units(T0)).toEqual([
      {
        unitId: 'east-rct',
        callsign: 'EAS RCT1',
        kind: 'road-crime',
        status: 'available',
        node: eastBase,
        lon: -0.9,
        lat: LAT,
        atMs: T0,
        dispatchId: null,
      },
      expect.objectContaining({ unitId: 'east-resp', status: 'available', node: eastBase }),
      expect.objectContaining({ unitId: 'west-rct', node: mainNode(network, -1) }),
    ]);
  });

  it('refuses an unknown unit, a busy unit and a dispatch id used before', () => {
    const field = new Field(network, roster);
    expect(field.dispatch(order({ dispatchId: 'd1', unitId: 'nobody', atMs: T0 }))).toEqual({
      accepted: false,
      reason: 'unknown-unit',
      message: 'There is no unit nobody on duty',
    });
    expect(field.dispatch(order({ dispatchId: 'd1', unitId: 'east-rct', atMs: T0 })).accepted).toBe(
      true,
    );
    expect(field.dispatch(order({ dispatchId: 'd2', unitId: 'east-rct', atMs: T0 }))).toEqual({
      accepted: false,
      reason: 'unit-busy',
      message: 'Unit east-rct is en-route',
    });
    expect(
      field.dispatch(order({ dispatchId: 'd1', unitId: 'east-resp', atMs: T0 })),
    ).toMatchObject({ accepted: false, reason: 'repeated-dispatch' });
  });

  it('refuses a point more than 2 km from any road and a point no road leads to', () => {
    const field = new Field(network, roster);
    const farAway = order({ dispatchId: 'd1', unitId: 'east-rct', atMs: T0, to: [-0.95, 54.05] });
    expect(field.dispatch(farAway)).toEqual({
      accepted: false,
      reason: 'off-road',
      message: '(-0.95, 54.05) is more than 2 km from any road',
    });
    const island = order({ dispatchId: 'd2', unitId: 'east-rct', atMs: T0, to: ISLAND });
    expect(field.dispatch(island)).toMatchObject({ accepted: false, reason: 'unreachable' });
    expect(field.units(T0)[0]!.status).toBe('available');
  });

  it('sends a unit already at the point straight into waiting', () => {
    const field = new Field(network, roster);
    const here = order({ dispatchId: 'd1', unitId: 'east-rct', atMs: T0, lon: -0.9 });
    expect(field.dispatch(here)).toEqual({ accepted: true, arriveMs: T0, node: eastBase });
    expect(field.units(T0)[0]).toMatchObject({ status: 'waiting', dispatchId: 'd1' });
  });
});

describe('a unit after a stop', () => {
  const middle = mainNode(network, -0.95);
  const passMs = T0 + Math.round(mainTimeS(network, -1, -0.95) * 1000);

  function stopped(): Field {
    const field = new Field(network, roster);
    field.addTrip(eastbound);
    field.dispatch(order({ dispatchId: 'd1', unitId: 'east-rct', atMs: T0 }));
    return field;
  }

  it('is busy stopping for twenty minutes and cannot be dispatched meanwhile', () => {
    const field = stopped();
    expect(field.busy()).toBe(true);
    const atMs = passMs + 19 * MIN;
    expect(field.units(atMs)[0]).toMatchObject({
      status: 'stopping',
      node: middle,
      dispatchId: 'd1',
    });
    expect(field.dispatch(order({ dispatchId: 'd2', unitId: 'east-rct', atMs }))).toMatchObject({
      accepted: false,
      reason: 'unit-busy',
      message: 'Unit east-rct is stopping',
    });
    expect(field.stand('d1', atMs)).toBe(false);
    expect(field.units(atMs)[0]!.status).toBe('stopping');
  });

  it('is available where it stopped and is sent on from there', () => {
    const field = stopped();
    const freeMs = passMs + 20 * MIN;
    expect(field.units(freeMs)[0]).toMatchObject({ status: 'returning', node: middle });
    const next = field.dispatch(
      order({ dispatchId: 'd2', unitId: 'east-rct', atMs: freeMs, lon: -0.97 }),
    );
    const driveMs = Math.round((mainTimeS(network, -0.95, -0.97) * 1000) / 1.3);
    expect(next).toEqual({
      accepted: true,
      arriveMs: freeMs + driveMs,
      node: mainNode(network, -0.97),
    });
  });

  it('drives back to base at ordinary speed when nobody needs it', () => {
    const field = stopped();
    field.advance(passMs + 20 * MIN);
    expect(field.busy()).toBe(false);
    const homeMs = passMs + 20 * MIN + Math.round(mainTimeS(network, -0.95, -0.9) * 1000);
    expect(field.units(homeMs - 1)[0]).toMatchObject({
      status: 'returning',
      node: mainNode(network, -0.91),
    });
    expect(field.units(homeMs)[0]).toMatchObject({ status: 'available', node: eastBase });
  });
});

describe('Field.stand', () => {
  it('frees the unit at the last junction it passed, and it heads back to base', () => {
    const field = new Field(network, roster);
    field.dispatch(order({ dispatchId: 'd1', unitId: 'east-rct', atMs: T0, lon: -1 }));
    // Response driving takes about 24 s a junction here: two junctions passed after 60 s.
    const standMs = T0 + MIN;
    const reached = mainNode(network, -0.92);
    expect(field.units(standMs)[0]).toMatchObject({ status: 'en-route', node: reached });
    expect(field.stand('d1', standMs)).toBe(true);
    expect(field.stand('d1', standMs)).toBe(false);

    expect(field.advance(standMs)).toEqual([
      { kind: 'available', unitId: 'east-rct', atMs: standMs, node: reached },
    ]);
    expect(field.units(standMs)[0]).toMatchObject({ status: 'returning', dispatchId: null });
    expect(field.stats()[0]).toMatchObject({ dispatches: 1, stops: 0, misses: 0, busyMs: MIN });
  });

  it('lets a returning unit be sent again from the junction it has reached', () => {
    const field = new Field(network, roster);
    field.dispatch(order({ dispatchId: 'd1', unitId: 'east-rct', atMs: T0, lon: -1 }));
    field.stand('d1', T0 + MIN);
    const atMs = T0 + MIN + 20_000;
    const again = field.dispatch(order({ dispatchId: 'd2', unitId: 'east-rct', atMs, lon: -0.95 }));
    const driveMs = Math.round((mainTimeS(network, -0.92, -0.95) * 1000) / 1.3);
    expect(again).toEqual({
      accepted: true,
      arriveMs: atMs + driveMs,
      node: mainNode(network, -0.95),
    });
  });

  it('ignores a dispatch it does not know', () => {
    expect(new Field(network, roster).stand('nothing', T0)).toBe(false);
  });
});

describe('Field checks', () => {
  it('rejects bad options by name', () => {
    expect(() => new Field(network, roster, { responseSpeedFactor: 0 })).toThrow(
      'responseSpeedFactor must be a positive number; got 0',
    );
    expect(() => new Field(network, roster, { maxWaitMs: -1 })).toThrow(/maxWaitMs/);
    expect(() => new Field(network, [...roster, roster[0]!])).toThrow(/east-rct/);
  });

  it('refuses to go back in time and trips out of departure order', () => {
    const field = new Field(network, roster);
    const trip = (id: string, departMs: number) =>
      mainTrip(network, { id, vehicleId: 2, departMs, fromLon: -1, toLon: -0.9 });
    field.addTrip(trip('b', T0 + MIN));
    expect(() => field.addTrip(trip('a', T0))).toThrow(/departure order/);
    field.advance(T0 + 10 * MIN);
    expect(() => field.advance(T0)).toThrow(RangeError);
    expect(() => field.units(T0 + 9 * MIN)).toThrow(RangeError);
  });

  it('takes trips that lag before any dispatch, but not after outcomes were judged', () => {
    const field = new Field(network, roster);
    const trip = (id: string, departMs: number) =>
      mainTrip(network, { id, vehicleId: 2, departMs, fromLon: -1, toLon: -0.9 });
    field.units(T0);
    field.addTrip(trip('lead-in', T0 - 60 * MIN));
    field.dispatch(order({ dispatchId: 'd1', unitId: 'east-rct', atMs: T0 }));
    field.advance(T0 + 10 * MIN);
    expect(() => field.addTrip(trip('late', T0 + 5 * MIN))).toThrow(/judged/);
    expect(() => field.addTrip(trip('next', T0 + 10 * MIN))).not.toThrow();
  });
});
