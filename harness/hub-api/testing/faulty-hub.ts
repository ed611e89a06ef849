import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { Agent, request } from 'undici';
import {
  PROTOCOL_VERSION,
  type ClockAdvance,
  type HotlistChanges,
  type HotlistEntry,
  type HubEvent,
  type HubInfo,
  type Problem,
  type Read,
  type ReadBatch,
  type ReadsAccepted,
  type SessionStart,
  type SessionState,
} from '../protocol.js';
import { ENDPOINTS, type Endpoint, type EndpointName } from '../routes.js';

/**
 * A hub for tests: it speaks just enough of the protocol for a driver or the runner
 * to be exercised over real HTTP (sessions, cameras, a hotlist, reads that raise an
 * alert when their mark is listed, the clock, events by pull and push), and fails on
 * cue. Everything it does follows from the calls it is given, never from chance or
 * the clock, so a test knows which call fails.
 */

export type InjectedFault =
  /** Answers 500 with a problem. */
  | 'status-500'
  /** Drops the connection without answering. */
  | 'reset'
  /** Waits `stallMs`, then does the call and answers as usual. */
  | 'stall'
  /** Answers 200 with a body cut off in the middle of its JSON. */
  | 'malformed-json'
  /** Answers 200 with JSON that is not the answer the call should have. */
  | 'bad-shape'
  /** Answers 413, as if the body were over the hub's limit. */
  | 'status-413-over';

/** Where several rules fall on the same call, the first listed wins. */
export interface FailEvery {
  call: EndpointName;
  /** The nth call to the endpoint fails, and every nth after it (1: every call). */
  n: number;
  kind: InjectedFault;
}

export interface FaultyHubOptions {
  /** The bearer token it expects; `test-token` unless said. */
  token?: string;
  failEvery?: readonly FailEvery[];
  /** How long a 'stall' waits; 5 s unless said. */
  stallMs?: number;
  /** Every nth event raised is sent without `readId` and `at` (1: every event). */
  malformedEvents?: number;
  /** Every event is sent twice, as a hub retrying a delivery would. */
  repeatEvents?: boolean;
  /** Reads of these marks are refused one by one, listed in `rejected`. */
  rejectVrms?: readonly string[];
  /** Bodies over this are refused with 413; 1 MiB unless said. */
  maxBodyBytes?: number;
}

export interface FaultyHub {
  url: string;
  token: string;
  /** How many times each endpoint has been called, faults included. */
  calls: Record<EndpointName, number>;
  close(): Promise<void>;
}

interface Session {
  start: SessionStart;
  now: string;
  readIds: Set<string>;
  changeIds: Set<string>;
  /** Entries by id. */
  hotlist: Map<string, HotlistEntry>;
  /** As sent: malformed ones included. */
  events: unknown[];
  /** How many of `events` have been pushed. */
  pushed: number;
  /** Events raised, repeats not counted. */
  raised: number;
}

interface Answer {
  status: number;
  body?: unknown;
}

const DEFAULT_TOKEN = 'test-token';
const DEFAULT_STALL_MS = 5000;
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const MAX_READS_PER_BATCH = 10_000;

export async function startFaultyHub(options: FaultyHubOptions = {}): Promise<FaultyHub> {
  const hub = new FaultyHubState(options);
  const app = buildFaultyHub(hub);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    token: hub.token,
    calls: hub.calls,
    close: () => (closing ??= hub.close().then(() => app.close())),
  };
}

function buildFaultyHub(hub: FaultyHubState): FastifyInstance {
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: hub.maxBodyBytes });
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  app.setErrorHandler(async (err: FastifyError, _request, reply) => {
    const errors = err.validation?.map((v) => ({
      path: v.instancePath || '/',
      message: v.message ?? 'is invalid',
    }));
    return sendProblem(reply, problem(err.statusCode ?? 500, err.message, errors));
  });
  for (const name of Object.keys(ENDPOINTS) as EndpointName[]) {
    const endpoint: Endpoint = ENDPOINTS[name];
    app.route({
      method: endpoint.method,
      url: endpoint.path,
      schema: {
        ...(endpoint.body ? { body: endpoint.body } : {}),
        ...(endpoint.query ? { querystring: endpoint.query } : {}),
      },
      onRequest: async (request, reply) => {
        hub.calls[name] += 1;
        if (!endpoint.auth || request.headers.authorization === `Bearer ${hub.token}`) return;
        return sendProblem(reply, problem(401, 'The token is missing or wrong'));
      },
      handler: async (request, reply) => {
        const fault = hub.faultFor(name);
        if (fault === 'stall' && !(await hub.stall())) return hangUp(request.raw.socket, reply);
        if (fault && fault !== 'stall') return injectFault(fault, request.raw.socket, reply);
        const answer = await hub.handle(name, request);
        if (answer.status >= 400) return sendProblem(reply, answer.body as Problem);
        return reply.code(answer.status).send(answer.body);
      },
    });
  }
  return app;
}

function injectFault(
  fault: Exclude<InjectedFault, 'stall'>,
  socket: Socket,
  reply: FastifyReply,
): FastifyReply | undefined {
  switch (fault) {
    case 'reset':
      return hangUp(socket, reply);
    case 'status-500':
      return sendProblem(reply, problem(500, 'Injected server error'));
    case 'status-413-over':
      return sendProblem(reply, problem(413, 'The body is over the hub’s limit'));
    case 'malformed-json':
      return reply.code(200).type('application/json').send('{"accepted": 1, "reje');
    case 'bad-shape':
      return reply.code(200).send({ unexpected: 'shape' });
  }
}

function hangUp(socket: Socket, reply: FastifyReply): undefined {
  reply.hijack();
  socket.destroy();
  return undefined;
}

function problem(status: number, title: string, errors?: Problem['errors']): Problem {
  return { type: 'about:blank', title, status, ...(errors ? { errors } : {}) };
}

function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type('application/problem+json').send(body);
}

/** What the hub holds and how it answers each endpoint once no fault is due. */
class FaultyHubState {
  readonly token: string;
  readonly maxBodyBytes: number;
  readonly calls = Object.fromEntries(Object.keys(ENDPOINTS).map((name) => [name, 0])) as Record<
    EndpointName,
    number
  >;
  readonly #options: FaultyHubOptions;
  readonly #rejectVrms: ReadonlySet<string>;
  readonly #sessions = new Map<string, Session>();
  readonly #closing = new AbortController();
  readonly #agent = new Agent({ headersTimeout: 5000, bodyTimeout: 5000 });

  constructor(options: FaultyHubOptions) {
    this.#options = options;
    this.token = options.token ?? DEFAULT_TOKEN;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.#rejectVrms = new Set(options.rejectVrms ?? []);
  }

  faultFor(name: EndpointName): InjectedFault | undefined {
    const count = this.calls[name];
    const rules = this.#options.failEvery ?? [];
    return rules.find((rule) => rule.call === name && count % rule.n === 0)?.kind;
  }

  /** Waits the stall out; false when the hub was closed meanwhile. */
  async stall(): Promise<boolean> {
    const ms = this.#options.stallMs ?? DEFAULT_STALL_MS;
    return sleep(ms, true, { signal: this.#closing.signal }).catch(() => false);
  }

  async close(): Promise<void> {
    this.#closing.abort();
    await this.#agent.close();
  }

  async handle(name: EndpointName, request: Incoming): Promise<Answer> {
    if (name === 'health') return { status: 200, body: { status: 'ok' } };
    if (name === 'info') return { status: 200, body: this.#info() };
    if (name === 'startSession') return this.#startSession(request.body as SessionStart);
    const sessionId = (request.params as { sessionId: string }).sessionId;
    const session = this.#sessions.get(sessionId);
    if (!session) return { status: 404, body: problem(404, `No session ${sessionId}`) };
    return this.#handleInSession(name, session, request);
  }

  async #handleInSession(name: EndpointName, session: Session, request: Incoming): Promise<Answer> {
    switch (name) {
      case 'endSession':
        this.#sessions.delete(session.start.sessionId);
        return { status: 204 };
      case 'hotlist':
        applyChanges(session, request.body as HotlistChanges);
        return { status: 204 };
      case 'reads':
        return { status: 200, body: await this.#reads(session, request.body as ReadBatch) };
      case 'clock':
        session.now = (request.body as ClockAdvance).now;
        await this.#push(session);
        return { status: 200, body: stateOf(session) };
      case 'events':
        return pageOf(session, request.query as EventsQuery);
      case 'cameras':
      case 'units':
        return { status: 204 };
      default:
        return { status: 200, body: stateOf(session) };
    }
  }

  #info(): HubInfo {
    return {
      name: 'faulty-hub',
      version: '0.0.0',
      protocol: PROTOCOL_VERSION,
      modes: ['virtual', 'real'],
      delivery: ['push', 'pull'],
      limits: { maxReadsPerBatch: MAX_READS_PER_BATCH, maxBodyBytes: this.maxBodyBytes },
    };
  }

  #startSession(start: SessionStart): Answer {
    if (this.#sessions.has(start.sessionId)) {
      return { status: 409, body: problem(409, `Session ${start.sessionId} is in progress`) };
    }
    const session: Session = {
      start,
      now: start.startAt,
      readIds: new Set(),
      changeIds: new Set(),
      hotlist: new Map(),
      events: [],
      pushed: 0,
      raised: 0,
    };
    this.#sessions.set(start.sessionId, session);
    return { status: 201, body: stateOf(session) };
  }

  async #reads(session: Session, batch: ReadBatch): Promise<ReadsAccepted> {
    const answer: ReadsAccepted = { accepted: 0, rejected: [] };
    batch.reads.forEach((read, index) => {
      if (this.#rejectVrms.has(read.vrm)) {
        const problem = `Mark ${read.vrm} is refused by this test hub`;
        answer.rejected.push({ index, readId: read.readId, problem });
        return;
      }
      answer.accepted += 1;
      if (session.readIds.has(read.readId)) return;
      session.readIds.add(read.readId);
      const entry = [...session.hotlist.values()].find((e) => e.vrm === read.vrm);
      if (entry) this.#raise(session, alertFor(read, entry, batch.sentAt, session.raised + 1));
    });
    await this.#push(session);
    return answer;
  }

  #raise(session: Session, event: HubEvent): void {
    session.raised += 1;
    const every = this.#options.malformedEvents ?? 0;
    const sent = every > 0 && session.raised % every === 0 ? withoutRequired(event) : event;
    session.events.push(sent);
    if (this.#options.repeatEvents) session.events.push(sent);
  }

  /**
   * Posts the events not yet pushed, once. A push that fails is not sent again, so a
   * test sees the loss as events that never arrive.
   */
  async #push(session: Session): Promise<void> {
    const { delivery, callbackUrl, callbackToken, sessionId } = session.start;
    const events = session.events.slice(session.pushed);
    session.pushed = session.events.length;
    if (delivery !== 'push' || callbackUrl === undefined || events.length === 0) return;
    try {
      const answer = await request(callbackUrl, {
        dispatcher: this.#agent,
        method: 'POST',
        headers: {
          authorization: `Bearer ${callbackToken ?? ''}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ sessionId, events }),
      });
      await answer.body.dump();
    } catch {
      // Lost, as documented above.
    }
  }
}

type Socket = { destroy(): void };

interface Incoming {
  params: unknown;
  body: unknown;
  query: unknown;
}

interface EventsQuery {
  after?: string;
  limit?: number;
}

function stateOf(session: Session): SessionState {
  return {
    sessionId: session.start.sessionId,
    now: session.now,
    reads: session.readIds.size,
    events: session.raised,
  };
}

function applyChanges(session: Session, { changes }: HotlistChanges): void {
  for (const change of changes) {
    if (session.changeIds.has(change.changeId)) continue;
    session.changeIds.add(change.changeId);
    if (change.action === 'upsert') session.hotlist.set(change.entry.entryId, change.entry);
    else session.hotlist.delete(change.entryId);
  }
}

/** The cursor is the number of events before the page. */
function pageOf(session: Session, query: EventsQuery): Answer {
  const start = query.after === undefined || query.after === '' ? 0 : Number(query.after);
  if (!Number.isInteger(start) || start < 0 || start > session.events.length) {
    return { status: 400, body: problem(400, `Unknown cursor ${query.after}`) };
  }
  const events = session.events.slice(start, start + (query.limit ?? 1000));
  return { status: 200, body: { events, cursor: String(start + events.length) } };
}

function alertFor(read: Read, entry: HotlistEntry, at: string, n: number): HubEvent {
  return {
    type: 'alert',
    eventId: `event-${n}`,
    at,
    alertId: `alert-${n}`,
    readId: read.readId,
    entryId: entry.entryId,
    vrm: entry.vrm,
    readVrm: read.vrm,
    cameraId: read.cameraId,
    category: entry.category,
    priority: entry.priority,
    match: 'exact',
    confidence: read.confidence,
  };
}

/** The event without `at` and, for an alert, `readId`: fields every such event must have. */
function withoutRequired(event: HubEvent): unknown {
  const bare: Record<string, unknown> = { ...event };
  delete bare.at;
  delete bare.readId;
  return bare;
}
