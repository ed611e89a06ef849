import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubDriver } from './driver.js';
import { HubFault } from './faults.js';
import { createHttpDriver, type HttpDriverOptions } from './http-driver.js';
import { startFaultyHub, type FaultyHub, type FaultyHubOptions } from './testing/faulty-hub.js';
import {
  CAMERAS,
  HOTLIST,
  LISTED_VRM,
  START_AT,
  UNITS,
  batch,
  sessionRequest,
} from './testing/messages.js';

const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()));
});

async function hubWith(options: FaultyHubOptions = {}): Promise<FaultyHub> {
  const hub = await startFaultyHub(options);
  open.push(hub);
  return hub;
}

async function driverFor(
  hub: { url: string; token: string },
  options: Partial<HttpDriverOptions> = {},
): Promise<HubDriver> {
  const driver = await createHttpDriver({ url: hub.url, token: hub.token, ...options });
  open.unshift(driver);
  return driver;
}

/** A started session with the camera and the hotlist sent. */
async function readyDriver(hub: FaultyHub, options: Partial<HttpDriverOptions> = {}) {
  const driver = await driverFor(hub, options);
  await driver.start(sessionRequest());
  await driver.cameras(CAMERAS);
  await driver.hotlist(HOTLIST);
  return driver;
}

async function faultOf(call: Promise<unknown>): Promise<HubFault> {
  const outcome = await call.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(outcome instanceof HubFault))
    throw new Error(`Expected a HubFault, got ${String(outcome)}`);
  return outcome;
}

describe.each(['pull', 'push'] as const)('the HTTP driver with %s delivery', (delivery) => {
  it('drives a whole session and returns the alert a listed mark raises', async () => {
    const hub = await hubWith();
    const driver = await driverFor(hub, { delivery });

    const info = await driver.info();
    const started = await driver.start(sessionRequest());
    await driver.cameras(CAMERAS);
    await driver.hotlist(HOTLIST);
    const accepted = await driver.reads(batch('r', [LISTED_VRM, 'YK71ABD']));
    await driver.units(UNITS);
    const clock = await driver.advance({ now: '2026-11-12T21:01:00.000Z' });
    const events = await driver.events();
    const again = await driver.events();
    await driver.end();

    expect(info).toMatchObject({ name: 'faulty-hub', protocol: '1.0' });
    expect(started).toEqual({ sessionId: 'run-1', now: START_AT, reads: 0, events: 0 });
    expect(accepted).toEqual({ accepted: 2, rejected: [] });
    expect(clock).toEqual({
      sessionId: 'run-1',
      now: '2026-11-12T21:01:00.000Z',
      reads: 2,
      events: 1,
    });
    expect(events.map((e) => e.event)).toEqual([
      expect.objectContaining({ type: 'alert', readId: 'r-0', entryId: 'entry-1' }),
    ]);
    expect(events[0]?.receivedAt).toBeTypeOf('number');
    expect(again).toEqual([]);
    expect(driver.faults?.()).toEqual([]);
    expect(hub.calls).toMatchObject({
      info: 1,
      startSession: 1,
      reads: 1,
      clock: 1,
      endSession: 1,
    });
  });

  it('drops events it has already returned', async () => {
    const hub = await hubWith({ repeatEvents: true });
    const driver = await readyDriver(hub, { delivery });

    await driver.reads(batch('r', [LISTED_VRM, LISTED_VRM]));
    const first = await driver.events();
    await driver.reads(batch('s', [LISTED_VRM]));
    const second = await driver.events();

    expect(first.map((e) => e.event.eventId)).toEqual(['event-1', 'event-2']);
    expect(second.map((e) => e.event.eventId)).toEqual(['event-3']);
  });

  it('records malformed events as faults and returns only the others', async () => {
    const hub = await hubWith({ malformedEvents: 2 });
    const driver = await readyDriver(hub, { delivery });

    await driver.reads(batch('r', [LISTED_VRM, LISTED_VRM, LISTED_VRM]));
    const events = await driver.events();
    const faults = driver.faults?.() ?? [];

    expect(events.map((e) => e.event.eventId)).toEqual(['event-1', 'event-3']);
    expect(faults.map((f) => [f.kind, f.retryable])).toEqual([['malformed', true]]);
    expect(faults[0]?.message).toMatch(/event-2.*readId/);
    expect(driver.faults?.()).toEqual([]);
  });

  it('returns the reads the hub refused one by one', async () => {
    const hub = await hubWith({ rejectVrms: ['AB12CDE'] });
    const driver = await readyDriver(hub, { delivery });

    const answer = await driver.reads(batch('r', ['YK71ABD', 'AB12CDE']));

    expect(answer).toEqual({
      accepted: 1,
      rejected: [{ index: 1, readId: 'r-1', problem: 'Mark AB12CDE is refused by this test hub' }],
    });
  });
});

describe('the HTTP driver’s faults', () => {
  it.each([
    ['status-500', 'server-error', true, 500],
    ['reset', 'reset', true, undefined],
    ['stall', 'timeout', true, undefined],
    ['malformed-json', 'malformed', true, 200],
    ['bad-shape', 'malformed', true, 200],
    ['status-413-over', 'too-large', false, 413],
  ] as const)('a %s answer to reads is a %s fault', async (injected, kind, retryable, status) => {
    const hub = await hubWith({
      failEvery: [{ call: 'reads', n: 1, kind: injected }],
      stallMs: 3000,
    });
    const driver = await readyDriver(hub, { delivery: 'pull', timeoutMs: 300 });

    const fault = await faultOf(driver.reads(batch('r', [LISTED_VRM])));

    expect({ kind: fault.kind, retryable: fault.retryable, status: fault.status }).toEqual({
      kind,
      retryable,
      status,
    });
    expect(fault.call).toBe('reads');
  });

  it('names what is wrong with an answer of the wrong shape', async () => {
    const hub = await hubWith({ failEvery: [{ call: 'clock', n: 1, kind: 'bad-shape' }] });
    const driver = await readyDriver(hub, { delivery: 'pull' });

    const fault = await faultOf(driver.advance({ now: START_AT }));

    expect(fault.message).toMatch(/^clock: the answer does not match SessionState: /);
    expect(fault.message).toContain('/sessionId');
  });

  it('goes on working after a dropped connection and a server error', async () => {
    const hub = await hubWith({
      failEvery: [
        { call: 'reads', n: 2, kind: 'reset' },
        { call: 'reads', n: 3, kind: 'status-500' },
      ],
    });
    const driver = await readyDriver(hub, { delivery: 'pull' });
    const outcomes: string[] = [];

    for (let i = 1; i <= 4; i++) {
      const outcome = await driver.reads(batch(`r${i}`, ['YK71ABD'])).then(
        () => 'ok',
        (err: HubFault) => err.kind,
      );
      outcomes.push(outcome);
    }

    expect(outcomes).toEqual(['ok', 'reset', 'server-error', 'reset']);
  });

  it('is unauthorised with the wrong token', async () => {
    const hub = await hubWith();
    const driver = await driverFor({ url: hub.url, token: 'not-the-token' }, { delivery: 'pull' });

    const fault = await faultOf(driver.info());

    expect([fault.kind, fault.retryable, fault.status]).toEqual(['unauthorised', false, 401]);
    expect(fault.message).toBe(
      'info: the hub answered 401 Unauthorized: The token is missing or wrong',
    );
  });

  it('is refused when nothing listens', async () => {
    const url = await urlOfClosedPort();
    const driver = await driverFor({ url, token: 't' }, { delivery: 'pull', timeoutMs: 2000 });

    const fault = await faultOf(driver.info());

    expect([fault.kind, fault.retryable]).toEqual(['refused', true]);
    expect(fault.message).toContain('ECONNREFUSED');
  });

  it('quotes the field errors of a request the hub refused', async () => {
    const hub = await hubWith();
    const driver = await readyDriver(hub, { delivery: 'pull' });
    const bad = batch('r', ['yk71 abc']);

    const fault = await faultOf(driver.reads(bad));

    expect([fault.kind, fault.retryable, fault.status]).toEqual(['refused-request', false, 400]);
    expect(fault.message).toMatch(
      /^reads: the hub answered 400 Bad Request: .*\[\/reads\/0\/vrm: /,
    );
  });

  it('is a refused request when the session id is in use', async () => {
    const hub = await hubWith();
    const driver = await readyDriver(hub, { delivery: 'pull' });

    const fault = await faultOf(driver.start(sessionRequest()));

    expect([fault.kind, fault.status]).toEqual(['refused-request', 409]);
    expect(fault.message).toContain('Session run-1 is in progress');
  });
});

describe('the HTTP driver’s options and lifetime', () => {
  it('refuses a bad option by name, with the value given', async () => {
    await expect(createHttpDriver({ url: 'ftp://hub', token: 't' })).rejects.toThrow(
      'Invalid HTTP driver option url: expected an http:// or https:// URL, got "ftp://hub"',
    );
    await expect(createHttpDriver({ url: 'http://hub', token: 't', timeoutMs: 0 })).rejects.toThrow(
      'Invalid HTTP driver option timeoutMs: expected an integer from 1 to 3600000, got 0',
    );
  });

  it('says so when the push receiver cannot have its port', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const options = { url: 'http://127.0.0.1:9', token: 't', callbackPort: port };

      await expect(createHttpDriver(options)).rejects.toThrow(
        `Cannot listen for pushed events on 127.0.0.1:${port}: EADDRINUSE`,
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('closes twice without complaint and refuses calls once closed', async () => {
    const hub = await hubWith();
    const driver = await createHttpDriver({ url: hub.url, token: hub.token });

    await driver.close();
    await driver.close();

    await expect(driver.info()).rejects.toThrow(/is closed/);
  });

  it('keeps a path prefix of the hub URL', async () => {
    const driver = await driverFor({ url: 'http://127.0.0.1:9/hub/', token: 't' });

    expect(driver.target).toBe('http://127.0.0.1:9/hub');
  });
});

async function urlOfClosedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('No port');
  return `http://127.0.0.1:${address.port}`;
}
