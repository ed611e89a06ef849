import { timingSafeEqual } from 'node:crypto';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { TestbedError } from '../../simulator/errors.js';
import { FaultLog } from './fault-log.js';
import { HubFault } from './faults.js';
import type { ReceivedEvent } from './driver.js';
import type { HubEvent, Problem } from './protocol.js';
import { EventPushEnvelope, describeProblems, shapeProblems, sortEvents } from './shape.js';

/**
 * Where a hub posts its events in push delivery: a small HTTP server in the harness
 * that checks the callback token, checks each event, stamps it with when it arrived
 * and keeps it until the driver drains it. A malformed push is refused with a
 * problem and recorded as a fault; the well-formed events of the same push are kept,
 * and since the hub sends the push again, the driver drops the repeats by event id.
 */

export const CALLBACK_PATH = '/events';

export interface PushReceiverOptions {
  /** The bearer token the hub must send, as given to it in the session start. */
  token: string;
  /** The address to listen on and to give the hub; 127.0.0.1 unless said. */
  host?: string;
  /** 0 (the default) takes any free port. */
  port?: number;
  /** How many undrained events are held before further ones are dropped. */
  maxEvents?: number;
}

export interface PushReceiver {
  /** The callback URL for the session start. */
  readonly url: string;
  /** Events received since the last drain, in order of arrival. */
  drain(): ReceivedEvent[];
  /** Malformed pushes and dropped events since the last call. */
  faults(): HubFault[];
  close(): Promise<void>;
}

const DEFAULT_MAX_EVENTS = 1_000_000;
/** Larger than any hub's push is likely to be; a push over it is refused with 413. */
const BODY_LIMIT_BYTES = 64 * 1024 * 1024;

/** The events received and not yet drained, with what went wrong on the way. */
export class Inbox {
  readonly #maxEvents: number;
  #events: ReceivedEvent[] = [];
  #dropped = 0;
  readonly #faults = new FaultLog();

  constructor(maxEvents = DEFAULT_MAX_EVENTS) {
    this.#maxEvents = maxEvents;
  }

  take(events: readonly HubEvent[], receivedAt: number): void {
    const room = Math.max(0, this.#maxEvents - this.#events.length);
    for (const event of events.slice(0, room)) this.#events.push({ event, receivedAt });
    this.#dropped += Math.max(0, events.length - room);
  }

  reject(message: string): void {
    this.#faults.add(new HubFault('malformed', 'push', message));
  }

  drain(): ReceivedEvent[] {
    const events = this.#events;
    this.#events = [];
    return events;
  }

  faults(): HubFault[] {
    const faults = this.#faults.drain();
    if (this.#dropped > 0) {
      const message =
        `push: ${this.#dropped} events were dropped because nobody drained the receiver ` +
        `(it holds at most ${this.#maxEvents})`;
      faults.push(new HubFault('too-large', 'push', message));
      this.#dropped = 0;
    }
    return faults;
  }
}

/** The receiver's server, not yet listening, so that tests can `inject()` into it. */
export function buildPushReceiver(token: string, inbox: Inbox): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES });
  app.addHook('onRequest', async (request, reply) => {
    if (bearerMatches(request.headers.authorization, token)) return;
    return sendProblem(reply, { status: 401, title: 'The callback token is missing or wrong' });
  });
  app.setErrorHandler(async (err: FastifyError, _request, reply) => {
    const status = err.statusCode !== undefined && err.statusCode < 500 ? err.statusCode : 500;
    if (status < 500) inbox.reject(`push: the hub's post was refused: ${err.message}`);
    return sendProblem(reply, { status, title: 'The push was not accepted', detail: err.message });
  });
  app.post(CALLBACK_PATH, async (request, reply) => {
    const receivedAt = performance.now();
    const envelope = shapeProblems(EventPushEnvelope, request.body);
    if (envelope.length > 0) {
      inbox.reject(`push: the body is not an event push: ${describeProblems(envelope)}`);
      return sendProblem(reply, { status: 400, title: 'Not an event push', errors: envelope });
    }
    // Limitation: the push's sessionId is not checked against the current session's, and
    // a malformed event pushed again is recorded as a fault again.
    const sorted = sortEvents((request.body as { events: unknown[] }).events);
    inbox.take(sorted.events, receivedAt);
    for (const line of sorted.rejected) inbox.reject(`push: ${line}`);
    if (sorted.problems.length === 0) return reply.code(204).send();
    const errors = sorted.problems.map((p) => ({ ...p, path: `/events${p.path}` }));
    return sendProblem(reply, { status: 400, title: 'Malformed events', errors });
  });
  return app;
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function sendProblem(
  reply: FastifyReply,
  problem: Omit<Problem, 'type'> & { status: number },
): FastifyReply {
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .send({ type: 'about:blank', ...problem });
}

/** Starts a receiver; close it when the session is over. */
export async function startPushReceiver(options: PushReceiverOptions): Promise<PushReceiver> {
  const inbox = new Inbox(options.maxEvents);
  const app = buildPushReceiver(options.token, inbox);
  const host = options.host ?? '127.0.0.1';
  await listen(app, host, options.port ?? 0);
  const { port } = app.server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${advertisedHost(host)}:${port}${CALLBACK_PATH}`,
    drain: () => inbox.drain(),
    faults: () => inbox.faults(),
    close: () => (closing ??= app.close().then(() => undefined)),
  };
}

async function listen(app: FastifyInstance, host: string, port: number): Promise<void> {
  try {
    await app.listen({ host, port });
  } catch (err) {
    await app.close();
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new TestbedError('ATB_DRIVER_CALLBACK_UNAVAILABLE', { host, port: String(port), reason });
  }
}

/**
 * The host to give the hub. A wildcard address is not one anybody can post to, so
 * the machine's name stands in for it; an IPv6 literal needs brackets in a URL.
 */
export function advertisedHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return hostname();
  return host.includes(':') ? `[${host}]` : host;
}
