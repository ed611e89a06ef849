import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Alert } from './protocol.js';
import { CALLBACK_PATH, Inbox, advertisedHost, buildPushReceiver } from './push-receiver.js';
import { START_AT } from './testing/messages.js';

const TOKEN = 'callback-token';
const apps: FastifyInstance[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

function receiver(maxEvents?: number): { app: FastifyInstance; inbox: Inbox } {
  const inbox = new Inbox(maxEvents);
  const app = buildPushReceiver(TOKEN, inbox);
  apps.push(app);
  return { app, inbox };
}

function alert(n: number): Alert {
  return {
    type: 'alert',
    eventId: `event-${n}`,
    at: START_AT,
    alertId: `alert-${n}`,
    readId: `read-${n}`,
    entryId: 'entry-1',
    vrm: 'YK71ABC',
    readVrm: 'YK71ABC',
    cameraId: 'cam-1',
    category: 'stolen',
    priority: 1,
    match: 'exact',
    confidence: 0.9,
  };
}

function post(app: FastifyInstance, body: unknown, token = TOKEN) {
  return app.inject({
    method: 'POST',
    url: CALLBACK_PATH,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('the push receiver', () => {
  it('keeps the events of a push, stamped with when they arrived, until drained', async () => {
    const { app, inbox } = receiver();

    const answer = await post(app, { sessionId: 'run-1', events: [alert(1), alert(2)] });
    const drained = inbox.drain();

    expect(answer.statusCode).toBe(204);
    expect(drained.map((e) => e.event)).toEqual([alert(1), alert(2)]);
    expect(drained.every((e) => typeof e.receivedAt === 'number')).toBe(true);
    expect(inbox.drain()).toEqual([]);
    expect(inbox.faults()).toEqual([]);
  });

  it('refuses a push without the callback token', async () => {
    const { app, inbox } = receiver();

    const answer = await post(app, { sessionId: 'run-1', events: [alert(1)] }, 'guess');

    expect(answer.statusCode).toBe(401);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(inbox.drain()).toEqual([]);
  });

  it('refuses a body that is not a push, and records the fault', async () => {
    const { app, inbox } = receiver();

    const answer = await post(app, { events: [] });
    const faults = inbox.faults();

    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toMatchObject({ status: 400, title: 'Not an event push' });
    expect(faults.map((f) => [f.kind, f.call])).toEqual([['malformed', 'push']]);
    expect(faults[0]?.message).toMatch(/^push: the body is not an event push: /);
  });

  it('refuses a body that is not JSON, and records the fault', async () => {
    const { app, inbox } = receiver();

    const answer = await post(app, '{"sessionId": "run-1", "ev');

    expect(answer.statusCode).toBe(400);
    expect(inbox.faults().map((f) => f.kind)).toEqual(['malformed']);
  });

  it('keeps the good events of a push with a malformed one and names the bad one', async () => {
    const { app, inbox } = receiver();
    const bad: Partial<Alert> = alert(2);
    delete bad.readId;

    const answer = await post(app, { sessionId: 'run-1', events: [alert(1), bad] });

    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toMatchObject({
      title: 'Malformed events',
      errors: [{ path: '/events/1/readId', message: 'Expected required property' }],
    });
    expect(inbox.drain().map((e) => e.event.eventId)).toEqual(['event-1']);
    expect(inbox.faults().map((f) => f.message)).toEqual([
      'push: event 1 (event-2) is malformed: /readId: Expected required property',
    ]);
  });

  it('holds a bounded number of events and counts the rest as a fault', async () => {
    const { app, inbox } = receiver(2);

    await post(app, { sessionId: 'run-1', events: [alert(1), alert(2), alert(3)] });
    await post(app, { sessionId: 'run-1', events: [alert(4)] });

    expect(inbox.drain().map((e) => e.event.eventId)).toEqual(['event-1', 'event-2']);
    expect(inbox.faults().map((f) => [f.kind, f.message])).toEqual([
      [
        'too-large',
        'push: 2 events were dropped because nobody drained the receiver (it holds at most 2)',
      ],
    ]);
  });
});

describe('the callback host given to the hub', () => {
  it('is the listening address, bracketed for IPv6, or the machine name for a wildcard', () => {
    expect(advertisedHost('127.0.0.1')).toBe('127.0.0.1');
    expect(advertisedHost('::1')).toBe('[::1]');
    expect(advertisedHost('0.0.0.0')).not.toBe('0.0.0.0');
  });
});
