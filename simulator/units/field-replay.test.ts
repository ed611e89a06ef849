import { describe, expect, it } from 'vitest';
import type { Trip } from '../world/types.js';
import { Field } from './field.js';
import { rosterFor } from './roster.js';
import { mainNode, mainTrip, order, T0, testNetwork } from './testing.js';
import type { DispatchOrder, FieldEvent } from './types.js';

const network = testNetwork();
const roster = rosterFor(network, { roadCrime: 'all', response: 'all' }).units;
const MIN = 60_000;
const HOUR = 60 * MIN;

type Action =
  | { atMs: number; trip: Trip }
  | { atMs: number; dispatch: DispatchOrder }
  | { atMs: number; stand: string };

/** A night's worth of calls: vehicles shuttling along the main road, several dispatches. */
function script(): Action[] {
  const actions: Action[] = [];
  for (let k = 0; k < 12; k++) {
    const vehicleId = k % 4;
    const westward = k % 2 === 1;
    const departMs = T0 + k * 7 * MIN;
    const trip = mainTrip(network, {
      id: `t-${vehicleId}-0-${k}`,
      vehicleId,
      departMs,
      fromLon: westward ? -0.9 : -1,
      toLon: westward ? -1 : -0.9,
    });
    actions.push({ atMs: departMs, trip });
  }
  const sends: [string, string, number, number, number][] = [
    ['d1', 'east-rct', 2 * MIN, -0.95, 2],
    ['d2', 'west-rct', 5 * MIN, -0.93, 1],
    ['d3', 'east-resp', 20 * MIN, -0.97, 3],
    ['d4', 'east-resp', 90 * MIN, -0.96, 0],
    ['d5', 'west-rct', 100 * MIN, -0.99, 9],
    ['d6', 'east-rct', 64 * MIN, -0.93, 1],
  ];
  for (const [dispatchId, unitId, afterMs, lon, vehicleId] of sends) {
    actions.push({
      atMs: T0 + afterMs,
      dispatch: order({ dispatchId, unitId, atMs: T0 + afterMs, lon, vehicleId }),
    });
  }
  actions.push({ atMs: T0 + 105 * MIN, stand: 'd5' });
  return actions.sort((a, b) => a.atMs - b.atMs);
}

/** Plays the script, advancing every `tickMs` (or only at the end), and returns all events. */
function play(actions: Action[], tickMs: number | null, endMs = T0 + 4 * HOUR): FieldEvent[] {
  const field = new Field(network, roster);
  const events: FieldEvent[] = [];
  let tick = T0;
  for (const action of actions) {
    while (tickMs !== null && tick <= action.atMs) {
      events.push(...field.advance(tick));
      tick += tickMs;
    }
    if ('trip' in action) field.addTrip(action.trip);
    else if ('dispatch' in action) field.dispatch(action.dispatch);
    else field.stand(action.stand, action.atMs);
  }
  events.push(...field.advance(endMs));
  return events;
}

describe('Field replay', () => {
  it('gives the same events for the same calls', () => {
    const first = play(script(), null);
    expect(first.filter((e) => e.kind === 'stopped').length).toBeGreaterThan(0);
    const reasons = first.flatMap((e) => (e.kind === 'missed' ? [e.reason] : []));
    expect(reasons).toEqual(['passed-before-arrival', 'not-on-path']);
    expect(play(script(), null)).toEqual(first);
  });

  it('gives the same events however finely time is advanced', () => {
    const once = play(script(), null);
    expect(play(script(), MIN)).toEqual(once);
    expect(play(script(), 7_000)).toEqual(once);
  });

  it('hands events over in time order, ties by unit', () => {
    const events = play(script(), 10 * MIN);
    for (let i = 1; i < events.length; i++) {
      const a = events[i - 1]!;
      const b = events[i]!;
      expect(a.atMs < b.atMs || (a.atMs === b.atMs && a.unitId <= b.unitId)).toBe(true);
    }
  });
});

describe('Field memory', () => {
  const trip = (id: string, vehicleId: number, departMs: number, from: number, to: number) =>
    mainTrip(network, { id, vehicleId, departMs, fromLon: from, toLon: to });

  it('forgets trips ended beyond the horizon but keeps where each vehicle is parked', () => {
    const field = new Field(network, roster);
    field.addTrip(trip('a', 1, T0, -1, -0.95));
    field.addTrip(trip('b', 2, T0 + MIN, -1, -0.9));
    field.addTrip(trip('c', 2, T0 + 10 * MIN, -0.9, -1));
    field.addTrip(trip('d', 3, T0 + 2 * HOUR, -1, -0.9));
    expect(field.retained()).toEqual({ vehicles: 3, trips: 4 });

    field.advance(T0 + 3 * HOUR);
    expect(field.retained()).toEqual({ vehicles: 3, trips: 3 });

    // Vehicle 1 has stood at -0.95 since its only trip ended, hours ago.
    const atMs = T0 + 3 * HOUR;
    field.dispatch(order({ dispatchId: 'd1', unitId: 'east-rct', atMs, vehicleId: 1 }));
    const stop = field.advance(atMs + HOUR).find((e) => e.kind === 'stopped');
    expect(stop).toMatchObject({ how: 'parked', vehicleId: 1, node: mainNode(network, -0.95) });

    field.addTrip(trip('e', 1, T0 + 5 * HOUR, -0.95, -1));
    expect(field.retained()).toEqual({ vehicles: 3, trips: 4 });
    field.advance(T0 + 8 * HOUR);
    expect(field.retained()).toEqual({ vehicles: 3, trips: 3 });
  });

  it('keeps an old trip while the next one, already known, has not departed', () => {
    const field = new Field(network, roster);
    field.addTrip(trip('a', 1, T0, -1, -0.95));
    field.addTrip(trip('b', 1, T0 + 4 * HOUR, -0.95, -1));
    field.advance(T0 + 3 * HOUR);
    expect(field.retained()).toEqual({ vehicles: 1, trips: 2 });

    const atMs = T0 + 3 * HOUR;
    field.dispatch(order({ dispatchId: 'd1', unitId: 'east-rct', atMs, vehicleId: 1 }));
    const stop = field.advance(atMs + HOUR).find((e) => e.kind === 'stopped');
    expect(stop).toMatchObject({ how: 'parked', vehicleId: 1 });
  });
});
