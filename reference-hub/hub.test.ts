import { beforeAll, describe, expect, it } from 'vitest';
import { loadNetworkFixture } from '../harness/network/load.js';
import type { Alert, HubEvent, JourneyFlag } from '../harness/hub-api/protocol.js';
import { isTestbedError } from '../simulator/errors.js';
import { createNetwork, type Network } from '../simulator/network/index.js';
import { ReferenceHub } from './hub.js';
import type { HubOptions } from './options.js';
import { at, cameraSites, entry, read, remove, sessionStart, upsert, START_MS } from './testing.js';

const TADCASTER = 'fx-a64-at-tadcaster-a64-a162';
const MALTON = 'fx-a64-at-malton-a64-a169';
const WHITBY = 'fx-a171-at-whitby';
const WEST_YORKSHIRE_A1 = 'fx-a1-m-border-with-west-yorkshire';
const IN_CAR = 'ic-northallerton-local-rct-1';

let network: Network;

beforeAll(async () => {
  network = createNetwork(await loadNetworkFixture());
});

/**
 * A hub with one session, the bundled cameras and a stolen van listed as YK71ABC.
 */
function hubWithSession(options: HubOptions = {}): ReferenceHub {
  const hub = new ReferenceHub(network, options);
  hub.startSession(sessionStart());
  hub.cameras('s1', { cameras: cameraSites(network) });
  hub.hotlist('s1', { changes: [upsert('c1', entry('E1', 'YK71ABC'))] });
  return hub;
}

function events(hub: ReferenceHub): HubEvent[] {
  return hub.eventsAfter('s1', '', 10_000).events;
}

function alerts(hub: ReferenceHub): Alert[] {
  return events(hub).filter((e): e is Alert => e.type === 'alert');
}

function send(hub: ReferenceHub, minutes: number, ...reads: ReturnType<typeof read>[]) {
  return hub.reads('s1', { sentAt: at(minutes), reads });
}

describe('matching reads against the hotlist', () => {
  it('alerts on an exact read of a listed mark', () => {
    const hub = hubWithSession();
    send(hub, 1, read('r1', 'YK71ABC', TADCASTER, 0.9, 0.95));
    expect(events(hub)).toEqual([
      {
        type: 'alert',
        eventId: 'e1',
        at: at(1),
        alertId: 'a1',
        readId: 'r1',
        entryId: 'E1',
        vrm: 'YK71ABC',
        readVrm: 'YK71ABC',
        cameraId: TADCASTER,
        category: 'stolen',
        priority: 2,
        match: 'exact',
        confidence: 0.95,
      },
    ]);
  });

  it('alerts on a misread as a similar match with lower confidence', () => {
    const hub = hubWithSession();
    send(hub, 1, read('r1', 'YK71A8C', TADCASTER, 1, 0.9));
    expect(alerts(hub)).toMatchObject([
      { vrm: 'YK71ABC', readVrm: 'YK71A8C', match: 'similar', confidence: 0.765 },
    ]);
  });

  it('prices a same-class pair that is no direct look-alike as two differences', () => {
    const hub = hubWithSession();
    hub.hotlist('s1', { changes: [upsert('c2', entry('E2', 'AB13CDE'))] });
    send(hub, 1, read('r1', 'AB1BCDE', TADCASTER, 1, 0.9));
    expect(alerts(hub)).toMatchObject([{ entryId: 'E2', match: 'similar', confidence: 0.65 }]);
  });

  it('takes a read two look-alikes away as similar, and three as another vehicle', () => {
    const hub = hubWithSession();
    send(hub, 1, read('r1', 'YK17A8C', TADCASTER, 1, 0.95));
    expect(alerts(hub)).toEqual([]);
    send(hub, 2, read('r2', 'YK17ABC', TADCASTER, 2, 0.95));
    expect(alerts(hub)).toMatchObject([{ readId: 'r2', match: 'similar', confidence: 0.686 }]);
  });

  it('alerts on a partial read that lost a character', () => {
    const hub = hubWithSession();
    send(hub, 1, read('r1', 'YK71AB', TADCASTER, 1, 0.8));
    expect(alerts(hub)).toMatchObject([
      { entryId: 'E1', readVrm: 'YK71AB', match: 'similar', confidence: 0.68 },
    ]);
  });

  it('raises no alert for a weak similar read, and counts it', () => {
    const hub = hubWithSession();
    send(hub, 1, read('r1', 'YK71A8C', TADCASTER, 1, 0.55));
    expect(alerts(hub)).toEqual([]);
    expect(hub.counters('s1').similarBelowFloor).toBe(1);
  });

  it('ignores marks that are not alike', () => {
    const hub = hubWithSession();
    send(hub, 1, read('r1', 'YK71ABD', TADCASTER, 1), read('r2', 'YK71XY', TADCASTER, 1));
    expect(alerts(hub)).toEqual([]);
  });

  it('stops alerting once the entry is removed', () => {
    const hub = hubWithSession();
    hub.hotlist('s1', { changes: [remove('c2', 'E1')] });
    send(hub, 1, read('r1', 'YK71ABC', TADCASTER, 1));
    expect(alerts(hub)).toEqual([]);
  });

  it('alerts once for each entry that shares a mark', () => {
    const hub = hubWithSession();
    const wanted = entry('E2', 'YK71ABC', { category: 'wanted', priority: 3 });
    hub.hotlist('s1', { changes: [upsert('c2', wanted)] });
    send(hub, 1, read('r1', 'YK71ABC', TADCASTER, 1));
    expect(alerts(hub).map((a) => [a.entryId, a.category, a.priority])).toEqual([
      ['E1', 'stolen', 2],
      ['E2', 'wanted', 3],
    ]);
  });
});

describe('alert windows', () => {
  it('alerts once per entry per window however many cameras read it', () => {
    const hub = hubWithSession();
    send(hub, 1, read('r1', 'YK71ABC', TADCASTER, 1));
    send(hub, 5, read('r2', 'YK71ABC', MALTON, 4), read('r3', 'YK71A8C', MALTON, 4));
    send(hub, 10.9, read('r4', 'YK71ABC', WHITBY, 10.5));
    expect(alerts(hub).map((a) => a.readId)).toEqual(['r1']);
    expect(hub.counters('s1').alertsWithinWindow).toBe(3);
  });

  it('alerts again once the window has passed', () => {
    const hub = hubWithSession();
    send(hub, 1, read('r1', 'YK71ABC', TADCASTER, 1));
    hub.advance('s1', { now: at(11) });
    send(hub, 11, read('r2', 'YK71ABC', MALTON, 11));
    expect(alerts(hub).map((a) => [a.alertId, a.readId, a.at])).toEqual([
      ['a1', 'r1', at(1)],
      ['a2', 'r2', at(11)],
    ]);
  });

  it('takes the window length from the options', () => {
    const hub = hubWithSession({ windowMs: 60_000 });
    send(hub, 1, read('r1', 'YK71ABC', TADCASTER, 1));
    send(hub, 2, read('r2', 'YK71ABC', TADCASTER, 2));
    expect(alerts(hub)).toHaveLength(2);
  });
});

describe('idempotency', () => {
  it('accepts a repeated read id without processing it again', () => {
    const hub = hubWithSession({ windowMs: 1 });
    const batch = [read('r1', 'YK71ABC', TADCASTER, 1)];
    expect(send(hub, 1, ...batch)).toEqual({ accepted: 1, rejected: [] });
    expect(send(hub, 2, ...batch)).toEqual({ accepted: 1, rejected: [] });
    expect(alerts(hub)).toHaveLength(1);
    expect(hub.sessionState('s1').reads).toBe(1);
    expect(hub.counters('s1').readsRepeated).toBe(1);
  });

  it('ignores a change id seen before', () => {
    const hub = hubWithSession();
    hub.hotlist('s1', { changes: [remove('c2', 'E1')] });
    hub.hotlist('s1', { changes: [upsert('c1', entry('E1', 'YK71ABC'))] });
    send(hub, 1, read('r1', 'YK71ABC', TADCASTER, 1));
    expect(alerts(hub)).toEqual([]);
    expect(hub.counters('s1')).toMatchObject({ changesApplied: 2, changesRepeated: 1 });
  });

  it('rejects a read from an unknown camera with the reason and accepts the others', () => {
    const hub = hubWithSession();
    const answer = send(
      hub,
      1,
      read('r1', 'AB12CDE', TADCASTER, 1),
      read('r2', 'YK71ABC', 'no-such-camera', 1),
      read('r3', 'YK71ABC', MALTON, 1),
    );
    expect(answer).toEqual({
      accepted: 2,
      rejected: [
        {
          index: 1,
          readId: 'r2',
          problem: 'Unknown camera "no-such-camera": it is not in the camera registry',
        },
      ],
    });
    expect(alerts(hub).map((a) => a.readId)).toEqual(['r3']);
  });
});

describe('impossible journeys', () => {
  function flags(hub: ReferenceHub): JourneyFlag[] {
    return events(hub).filter((e): e is JourneyFlag => e.type === 'impossible-journey');
  }

  it('flags a mark read at two sites too far apart for the time between', () => {
    const hub = hubWithSession();
    send(hub, 20, read('r1', 'NX22KLM', WEST_YORKSHIRE_A1, 10), read('r2', 'NX22KLM', WHITBY, 20));
    const [flag] = flags(hub);
    expect(flag).toMatchObject({ vrm: 'NX22KLM', readIds: ['r1', 'r2'], minutes: 10, at: at(20) });
    expect(flag!.distanceKm).toBeGreaterThan(90);
    expect(flag!.distanceKm).toBeLessThan(110);
  });

  it('flags once per mark per window', () => {
    const hub = hubWithSession();
    send(hub, 1, read('r1', 'NX22KLM', WEST_YORKSHIRE_A1, 0), read('r2', 'NX22KLM', WHITBY, 1));
    send(hub, 3, read('r3', 'NX22KLM', WEST_YORKSHIRE_A1, 3));
    hub.advance('s1', { now: at(12) });
    send(hub, 12, read('r4', 'NX22KLM', WHITBY, 12));
    expect(flags(hub).map((f) => f.readIds)).toEqual([
      ['r1', 'r2'],
      ['r3', 'r4'],
    ]);
  });

  it('leaves a journey that a car can make, and clocks that disagree a little', () => {
    const hub = hubWithSession();
    send(hub, 90, read('r1', 'NX22KLM', WEST_YORKSHIRE_A1, 0), read('r2', 'NX22KLM', WHITBY, 90));
    // Tadcaster to Malton is about 44 km: 16 minutes needs 165 km/h, but under the
    // limit once the clocks are allowed to disagree by two minutes.
    send(hub, 100, read('r3', 'PX19ABC', TADCASTER, 82), read('r4', 'PX19ABC', MALTON, 98));
    expect(flags(hub)).toEqual([]);
  });

  it('takes no position from an in-car camera', () => {
    const hub = hubWithSession();
    send(hub, 2, read('r1', 'NX22KLM', IN_CAR, 1), read('r2', 'NX22KLM', WHITBY, 2));
    expect(flags(hub)).toEqual([]);
  });
});

describe('memory', () => {
  it('forgets read ids and last positions after the retention time', () => {
    const outcome = (options: HubOptions) => {
      const hub = hubWithSession(options);
      send(
        hub,
        0,
        read('r1', 'AB12CDE', TADCASTER, 0),
        read('n1', 'NX22KLM', WEST_YORKSHIRE_A1, 0),
      );
      hub.advance('s1', { now: at(25) });
      send(hub, 25, read('r1', 'AB12CDE', TADCASTER, 0), read('n2', 'NX22KLM', WHITBY, 25));
      const flagged = events(hub).filter((e) => e.type === 'impossible-journey').length;
      return { reads: hub.sessionState('s1').reads, flagged };
    };
    expect(outcome({ retentionMs: 10 * 60_000 })).toEqual({ reads: 4, flagged: 0 });
    expect(outcome({ retentionMs: 60 * 60_000 })).toEqual({ reads: 3, flagged: 1 });
  });

  it('keeps only the newest events for polling', () => {
    const hub = hubWithSession({ maxEvents: 20, windowMs: 1 });
    for (let i = 0; i < 50; i++) send(hub, i, read(`r${i}`, 'YK71ABC', TADCASTER, i));
    const page = hub.eventsAfter('s1', '', 100);
    expect(page.events.length).toBeLessThanOrEqual(20);
    expect(page.events.at(-1)).toMatchObject({ eventId: 'e50', readId: 'r49' });
    expect(page.cursor).toBe('50');
    expect(hub.sessionState('s1').events).toBe(50);
  });
});

describe('events and sessions', () => {
  it('pages events after a cursor, the same cursor giving the same events', () => {
    const hub = hubWithSession({ windowMs: 1 });
    for (let i = 0; i < 5; i++) send(hub, i, read(`r${i}`, 'YK71ABC', TADCASTER, i));
    const first = hub.eventsAfter('s1', '', 2);
    const second = hub.eventsAfter('s1', first.cursor, 2);
    expect(first.events.map((e) => e.eventId)).toEqual(['e1', 'e2']);
    expect(second.events.map((e) => e.eventId)).toEqual(['e3', 'e4']);
    expect(hub.eventsAfter('s1', first.cursor, 2)).toEqual(second);
    expect(hub.eventsAfter('s1', '5', 2)).toEqual({ events: [], cursor: '5' });
  });

  it('hands each event over once for delivery', () => {
    const hub = hubWithSession({ windowMs: 1 });
    send(hub, 1, read('r1', 'YK71ABC', TADCASTER, 1));
    expect(hub.takeEvents('s1').map((e) => e.eventId)).toEqual(['e1']);
    expect(hub.takeEvents('s1')).toEqual([]);
    send(hub, 2, read('r2', 'YK71ABC', TADCASTER, 2));
    expect(hub.takeEvents('s1').map((e) => e.eventId)).toEqual(['e2']);
  });

  it('keeps the latest time it was told as its now', () => {
    const hub = hubWithSession();
    expect(hub.sessionState('s1')).toEqual({ sessionId: 's1', now: at(0), reads: 0, events: 0 });
    send(hub, 5, read('r1', 'AB12CDE', TADCASTER, 4));
    expect(hub.advance('s1', { now: at(3) }).now).toBe(at(5));
    expect(hub.advance('s1', { now: at(7) }).now).toBe(at(7));
  });

  it('follows the wall clock at the session speed in real time', () => {
    let wallMs = 1_000;
    const hub = new ReferenceHub(network, { clockMs: () => wallMs });
    hub.startSession(sessionStart({ sessionId: 'live', mode: 'real', speed: 60 }));
    wallMs += 2_000;
    expect(hub.sessionState('live').now).toBe(new Date(START_MS + 120_000).toISOString());
  });

  it('keeps sessions apart and refuses unknown or running ids', () => {
    const hub = hubWithSession();
    hub.startSession(sessionStart({ sessionId: 's2' }));
    send(hub, 1, read('r1', 'YK71ABC', TADCASTER, 1));
    expect(hub.eventsAfter('s2', '', 10).events).toEqual([]);
    expect(errorOf(() => hub.startSession(sessionStart()))).toEqual([
      'ATB_HUB_SESSION_IN_USE',
      409,
    ]);
    hub.endSession('s2');
    expect(errorOf(() => hub.sessionState('s2'))).toEqual(['ATB_HUB_SESSION_UNKNOWN', 404]);
    expect(errorOf(() => hub.eventsAfter('s1', 'abc', 1))).toEqual(['ATB_HUB_CURSOR_INVALID', 400]);
  });

  it('refuses push delivery without a callback, and bad options by name', () => {
    const hub = new ReferenceHub(network);
    expect(errorOf(() => hub.startSession(sessionStart({ delivery: 'push' })))).toEqual([
      'ATB_HUB_CALLBACK_MISSING',
      400,
    ]);
    expect(() => new ReferenceHub(network, { windowMs: -1 })).toThrow(
      'Invalid hub option windowMs: expected a whole number of at least 1, got -1',
    );
  });
});

function errorOf(fn: () => unknown): [string, number] | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (!isTestbedError(err)) throw err;
    return [err.code, err.httpStatus];
  }
}
