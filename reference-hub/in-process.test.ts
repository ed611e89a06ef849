import { beforeAll, describe, expect, it } from 'vitest';
import { HubFault } from '../harness/hub-api/faults.js';
import { loadNetworkFixture } from '../harness/network/load.js';
import { createNetwork, type Network } from '../simulator/network/index.js';
import { createInProcessDriver } from './in-process.js';
import { at, cameraSites, entry, read, sessionStart, upsert } from './testing.js';

const TADCASTER = 'fx-a64-at-tadcaster-a64-a162';

let network: Network;

beforeAll(async () => {
  network = createNetwork(await loadNetworkFixture());
});

function request() {
  const { sessionId, scenario, seed, mode, startAt, speed } = sessionStart();
  return { sessionId, scenario, seed, mode, startAt, speed };
}

describe('the in-process driver', () => {
  it('plays a session straight into the hub and hands over its events once', async () => {
    const driver = createInProcessDriver(network);
    expect(driver.target).toBe('in-process');
    expect((await driver.info()).protocol).toBe('1.0');
    await driver.start(request());
    await driver.cameras({ cameras: cameraSites(network) });
    await driver.hotlist({ changes: [upsert('c1', entry('E1', 'YK71ABC'))] });
    const answer = await driver.reads({
      sentAt: at(1),
      reads: [read('r1', 'YK71ABC', TADCASTER, 1), read('r2', 'YK71ABC', 'nowhere', 1)],
    });
    expect(answer.accepted).toBe(1);
    expect(answer.rejected.map((r) => r.readId)).toEqual(['r2']);
    expect(await driver.advance({ now: at(2) })).toEqual({
      sessionId: 's1',
      now: at(2),
      reads: 1,
      events: 1,
    });

    const events = await driver.events();
    expect(events.map((e) => e.event)).toMatchObject([{ type: 'alert', readId: 'r1' }]);
    expect(events[0]!.receivedAt).toBeGreaterThan(0);
    expect(await driver.events()).toEqual([]);
    await driver.end();
    await driver.close();
  });

  it('reports the hub’s refusals as faults of the call', async () => {
    const driver = createInProcessDriver(network);
    const before = await driver.reads({ sentAt: at(0), reads: [] }).catch((e: unknown) => e);
    expect(before).toBeInstanceOf(HubFault);
    expect(before).toMatchObject({ kind: 'refused-request', call: 'reads', status: 404 });

    await driver.start(request());
    const again = await driver.start(request()).catch((e: unknown) => e);
    expect(again).toMatchObject({ kind: 'refused-request', call: 'start', status: 409 });
    const badTime = await driver.advance({ now: 'soon' }).catch((e: unknown) => e);
    expect(badTime).toMatchObject({
      kind: 'refused-request',
      status: 400,
      message: '/now must be an ISO 8601 time such as 2026-11-12T21:04:05.123Z; got "soon"',
    });
  });
});
