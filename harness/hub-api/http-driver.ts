import { randomBytes } from 'node:crypto';
import type { Static, TSchema } from '@sinclair/typebox';
import { Pool, type Dispatcher } from 'undici';
import { TestbedError } from '../../simulator/errors.js';
import type { HubDriver, ReceivedEvent, SessionRequest } from './driver.js';
import { FaultLog } from './fault-log.js';
import { HubFault, isHubFault } from './faults.js';
import { statusFault, transportFault } from './http-faults.js';
import type {
  CameraRegistry,
  ClockAdvance,
  HotlistChanges,
  HubInfo,
  ReadBatch,
  ReadsAccepted,
  SessionState,
  UnitReports,
} from './protocol.js';
import { startPushReceiver, type PushReceiver } from './push-receiver.js';
import { ENDPOINTS, pathOf, type Endpoint, type EndpointName } from './routes.js';
import { schemaName } from './schema-names.js';
import { EventPageEnvelope, describeProblems, shapeProblems, sortEvents } from './shape.js';

/**
 * The driver for a hub that speaks the Hub API over HTTP. It keeps a pool of
 * keep-alive connections to the hub, sends every call with the bearer token, checks
 * every answer against the protocol and turns every failure into a `HubFault` of the
 * right kind.
 */

export interface HttpDriverOptions {
  /** The hub's base URL, e.g. `http://127.0.0.1:8080`; a path prefix is kept. */
  url: string;
  /** The bearer token sent with every call. */
  token: string;
  /** How the hub gives back its events: posted to a receiver here (push) or polled (pull). */
  delivery?: 'push' | 'pull';
  /** The address the push receiver listens on and gives the hub; 127.0.0.1 unless said. */
  callbackHost?: string;
  /** The push receiver's port; any free port unless said. */
  callbackPort?: number;
  /** How long to wait for an answer to start, and between its chunks. */
  timeoutMs?: number;
  /** The most connections held open to the hub. */
  connections?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_CONNECTIONS = 4;
/**
 * Pages asked for in one `events()` call, so that a hub that never runs dry cannot hold
 * it. Limitation: events past the last page wait for the next call.
 */
const MAX_PAGES_PER_POLL = 100;
const PAGE_SIZE = 1000;

interface Settings {
  origin: string;
  prefix: string;
  token: string;
  delivery: 'push' | 'pull';
  callbackHost: string;
  callbackPort: number;
  timeoutMs: number;
  connections: number;
}

/** Connects to nothing yet; in push delivery it starts the receiver the hub will post to. */
export async function createHttpDriver(options: HttpDriverOptions): Promise<HubDriver> {
  const settings = checkOptions(options);
  if (settings.delivery === 'pull') return new HttpDriver(settings);
  const callbackToken = randomBytes(24).toString('base64url');
  const receiver = await startPushReceiver({
    token: callbackToken,
    host: settings.callbackHost,
    port: settings.callbackPort,
  });
  return new HttpDriver(settings, receiver, callbackToken);
}

type ResponseOf<N extends EndpointName> = (typeof ENDPOINTS)[N] extends {
  response: infer S extends TSchema;
}
  ? Static<S>
  : undefined;

interface CallOptions {
  body?: unknown;
  query?: string;
  /** Checks the answer against this instead of the endpoint's response schema. */
  schema?: TSchema;
}

class HttpDriver implements HubDriver {
  readonly target: string;
  readonly #settings: Settings;
  readonly #pool: Pool;
  readonly #receiver: PushReceiver | undefined;
  readonly #callbackToken: string | undefined;
  readonly #faults = new FaultLog();
  readonly #seen = new Set<string>();
  #sessionId: string | undefined;
  #cursor = '';
  #closing: Promise<void> | undefined;

  constructor(settings: Settings, receiver?: PushReceiver, callbackToken?: string) {
    this.#settings = settings;
    this.target = `${settings.origin}${settings.prefix}`;
    this.#receiver = receiver;
    this.#callbackToken = callbackToken;
    this.#pool = new Pool(settings.origin, {
      connections: settings.connections,
      headersTimeout: settings.timeoutMs,
      bodyTimeout: settings.timeoutMs,
      connect: { timeout: settings.timeoutMs },
    });
  }

  info(): Promise<HubInfo> {
    return this.#call('info');
  }

  async start(session: SessionRequest): Promise<SessionState> {
    const push = this.#receiver && {
      callbackUrl: this.#receiver.url,
      callbackToken: this.#callbackToken,
    };
    const body = { ...session, delivery: this.#settings.delivery, ...push };
    const state = await this.#call('startSession', { body });
    this.#sessionId = session.sessionId;
    this.#cursor = '';
    this.#seen.clear();
    return state;
  }

  cameras(registry: CameraRegistry): Promise<void> {
    return this.#call('cameras', { body: registry });
  }

  hotlist(changes: HotlistChanges): Promise<void> {
    return this.#call('hotlist', { body: changes });
  }

  reads(batch: ReadBatch): Promise<ReadsAccepted> {
    return this.#call('reads', { body: batch });
  }

  units(reports: UnitReports): Promise<void> {
    return this.#call('units', { body: reports });
  }

  advance(clock: ClockAdvance): Promise<SessionState> {
    return this.#call('clock', { body: clock });
  }

  async events(): Promise<ReceivedEvent[]> {
    const received = this.#receiver ? this.#receiver.drain() : await this.#poll();
    const fresh: ReceivedEvent[] = [];
    for (const item of received) {
      if (this.#seen.has(item.event.eventId)) continue;
      this.#seen.add(item.event.eventId);
      fresh.push(item);
    }
    return fresh;
  }

  faults(): HubFault[] {
    return [...(this.#receiver?.faults() ?? []), ...this.#faults.drain()];
  }

  async end(): Promise<void> {
    await this.#call('endSession');
    this.#sessionId = undefined;
  }

  close(): Promise<void> {
    this.#closing ??= Promise.all([this.#pool.destroy(), this.#receiver?.close()]).then(
      () => undefined,
    );
    return this.#closing;
  }

  /** Pages through the events after the cursor until the hub has no more. */
  async #poll(): Promise<ReceivedEvent[]> {
    const received: ReceivedEvent[] = [];
    for (let page = 0; page < MAX_PAGES_PER_POLL; page++) {
      const after = this.#cursor === '' ? '' : `&after=${encodeURIComponent(this.#cursor)}`;
      const query = `?limit=${PAGE_SIZE}${after}`;
      const answer = await this.#call('events', { query, schema: EventPageEnvelope });
      const receivedAt = performance.now();
      const { events, cursor } = answer as { events: unknown[]; cursor: string };
      const sorted = sortEvents(events);
      for (const line of sorted.rejected) this.#faults.add(malformedEvent(line));
      for (const event of sorted.events) received.push({ event, receivedAt });
      const stuck = cursor === this.#cursor;
      this.#cursor = cursor;
      if (events.length === 0 || stuck) break;
    }
    return received;
  }

  async #call<N extends EndpointName>(name: N, options: CallOptions = {}): Promise<ResponseOf<N>> {
    if (this.#closing) throw new Error(`The HTTP driver for ${this.target} is closed`);
    const endpoint: Endpoint = ENDPOINTS[name];
    const path = `${this.#settings.prefix}${this.#pathOf(name)}${options.query ?? ''}`;
    const json = options.body === undefined ? null : JSON.stringify(options.body);
    try {
      const answer = await this.#pool.request({
        method: endpoint.method,
        path,
        headers: this.#headers(json !== null),
        body: json,
      });
      const schema = options.schema ?? endpoint.response;
      return (await readAnswer(name, answer, schema)) as ResponseOf<N>;
    } catch (err) {
      throw isHubFault(err) ? err : transportFault(name, this.target, err);
    }
  }

  #pathOf(name: EndpointName): string {
    if (!ENDPOINTS[name].path.includes(':sessionId')) return pathOf(name);
    if (this.#sessionId === undefined) {
      throw new Error(`The HTTP driver was asked for ${name} before a session was started`);
    }
    return pathOf(name, this.#sessionId);
  }

  #headers(hasBody: boolean): Record<string, string> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#settings.token}`,
      accept: 'application/json, application/problem+json',
    };
    if (hasBody) headers['content-type'] = 'application/json';
    return headers;
  }
}

/**
 * The body of an answer, checked against the schema. Every body is read to its end,
 * even when it is not wanted, so that the connection goes back to the pool.
 */
async function readAnswer(
  call: string,
  { statusCode, body }: Dispatcher.ResponseData,
  schema: TSchema | undefined,
): Promise<unknown> {
  if (statusCode < 200 || statusCode > 299) throw statusFault(call, statusCode, await body.text());
  if (!schema) {
    await body.dump();
    return undefined;
  }
  const text = await body.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const start = JSON.stringify(text.slice(0, 60));
    throw new HubFault('malformed', call, `${call}: the answer is not JSON: ${start}`, {
      status: statusCode,
    });
  }
  const problems = shapeProblems(schema, value);
  if (problems.length === 0) return value;
  const what = schemaName(schema) ?? 'the protocol';
  const message = `${call}: the answer does not match ${what}: ${describeProblems(problems)}`;
  throw new HubFault('malformed', call, message, { status: statusCode });
}

function malformedEvent(line: string): HubFault {
  return new HubFault('malformed', 'events', `events: ${line}`);
}

function checkOptions(options: HttpDriverOptions): Settings {
  const url = checkUrl(options.url);
  if (typeof options.token !== 'string' || options.token === '') {
    invalid('token', 'a non-empty string', options.token);
  }
  const delivery = options.delivery ?? 'push';
  if (delivery !== 'push' && delivery !== 'pull') invalid('delivery', '"push" or "pull"', delivery);
  return {
    origin: url.origin,
    prefix: url.pathname.replace(/\/+$/, ''),
    token: options.token,
    delivery,
    callbackHost: options.callbackHost ?? '127.0.0.1',
    callbackPort: checkInteger('callbackPort', options.callbackPort ?? 0, 0, 65_535),
    timeoutMs: checkInteger('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 1, 3_600_000),
    connections: checkInteger('connections', options.connections ?? DEFAULT_CONNECTIONS, 1, 1024),
  };
}

function checkUrl(text: string): URL {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    invalid('url', 'an http:// or https:// URL', text);
  }
  return url;
}

function checkInteger(name: string, value: number, min: number, max: number): number {
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  return invalid(name, `an integer from ${min} to ${max}`, value);
}

function invalid(name: string, expected: string, value: unknown): never {
  throw new TestbedError('ATB_DRIVER_OPTION_INVALID', {
    name,
    expected,
    value: JSON.stringify(value) ?? String(value),
  });
}
