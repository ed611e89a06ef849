import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import type {
  Alert,
  CameraSite,
  HotlistChanges,
  HubEvent,
  Read,
  ReadBatch,
  SessionStart,
} from '../hub-api/protocol.js';
import { PROTOCOL_VERSION } from '../hub-api/protocol.js';
import { ReadFeed } from './feed.js';
import { openLoadSession } from './hub-session.js';
import { resolveLoadOptions, type LoadOptions } from './options.js';
import { ProfileRunner, senderPool } from './profile-run.js';
import { seedChanges, seedEntries } from './probes.js';
import type { LoadProfile } from './profiles.js';
import { poolOf, type ReadPool } from './read-pool.js';
import { figuresOf, type Figures, type MeasuredRun } from './result.js';

/**
 * A hub for load tests and benchmarks, on plain node:http so that it costs little per
 * request: it takes sessions, a hotlist and batches of reads, alerts on listed marks (by
 * push or pull), and slows down on cue. Unlike the faulty hub of the driver's tests,
 * its slowness follows the wall clock and the rate it is sent, which is what load
 * testing is about:
 *
 * - `serialMs`: reads requests are handled one at a time, each taking this long, so a
 *   faster offered rate queues up;
 * - `stall`: for `forMs` in every `everyMs` of wall-clock time (from when it started,
 *   offset by `atMs`) it answers nothing; requests that arrive meanwhile are held until
 *   the stall ends, like a hub in a long garbage-collection pause;
 * - `degradeAbove`: while it receives more reads a second than the limit (over the last
 *   half second), each answer is held back by `delayMs`.
 */

export interface LoadTestHubOptions {
  token?: string;
  serialMs?: number;
  stall?: { everyMs: number; forMs: number; atMs?: number };
  degradeAbove?: { readsPerSecond: number; delayMs: number };
  /** Reads of these marks are refused one by one. */
  rejectVrms?: readonly string[];
  /** Answers to reads count one read fewer than the batch holds (a broken hub). */
  miscount?: boolean;
}

export interface LoadTestHub {
  url: string;
  token: string;
  /** Reads received, repeats included. */
  readonly reads: number;
  /** Closes at once, dropping every connection: a hub that dies. */
  kill(): Promise<void>;
  close(): Promise<void>;
}

interface Session {
  start: SessionStart;
  listed: Map<string, string>;
  events: HubEvent[];
}

const DEGRADE_WINDOW_MS = 500;

export async function startLoadTestHub(options: LoadTestHubOptions = {}): Promise<LoadTestHub> {
  const state = new HubState(options);
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    state.serve(req, res).catch((err: unknown) => {
      const title = err instanceof Error ? err.message : String(err);
      send(res, 400, { type: 'about:blank', title, status: 400 });
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      state.closed = true;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await state.agent.close();
    })());
  return {
    url: `http://127.0.0.1:${port}`,
    token: state.token,
    get reads() {
      return state.reads;
    },
    kill: close,
    close,
  };
}

class HubState {
  readonly token: string;
  readonly agent = new Agent({ headersTimeout: 5000, bodyTimeout: 5000 });
  readonly startedAt = performance.now();
  reads = 0;
  closed = false;
  readonly #options: LoadTestHubOptions;
  readonly #sessions = new Map<string, Session>();
  readonly #rejectVrms: ReadonlySet<string>;
  /** Reads received in each tenth of a second, for the degradation window. */
  readonly #recent: { atMs: number; reads: number }[] = [];
  #serial: Promise<void> = Promise.resolve();
  #events = 0;

  constructor(options: LoadTestHubOptions) {
    this.#options = options;
    this.token = options.token ?? 'load-test-token';
    this.#rejectVrms = new Set(options.rejectVrms ?? []);
  }

  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = req.url ?? '/';
    if (url === '/health') return send(res, 200, { status: 'ok' });
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      return send(res, 401, { type: 'about:blank', title: 'Wrong token', status: 401 });
    }
    const match = /^\/v1\/sessions\/([^/?]+)(\/[a-z]+)?(\?.*)?$/.exec(url);
    if (url === '/v1/hub') return send(res, 200, this.#info());
    if (url === '/v1/sessions' && req.method === 'POST') return this.#start(res, body);
    const session = match ? this.#sessions.get(decodeURIComponent(match[1]!)) : undefined;
    if (!match || !session) {
      return send(res, 404, { type: 'about:blank', title: `No ${url}`, status: 404 });
    }
    return this.#inSession(req.method ?? 'GET', match[2] ?? '', session, body, res);
  }

  async #inSession(
    method: string,
    what: string,
    session: Session,
    body: string,
    res: ServerResponse,
  ): Promise<void> {
    if (what === '' && method === 'DELETE') {
      this.#sessions.delete(session.start.sessionId);
      return send(res, 204);
    }
    if (what === '/hotlist') {
      for (const change of (JSON.parse(body) as HotlistChanges).changes) {
        if (change.action === 'upsert') session.listed.set(change.entry.vrm, change.entry.entryId);
      }
      return send(res, 204);
    }
    if (what === '/reads') return this.#reads(session, JSON.parse(body) as ReadBatch, res);
    if (what === '/events') {
      const events = session.events.splice(0);
      return send(res, 200, { events, cursor: String(this.#events) });
    }
    return send(res, 204);
  }

  #info() {
    return {
      name: 'load-test-hub',
      version: '0.0.0',
      protocol: PROTOCOL_VERSION,
      modes: ['virtual', 'real'],
      delivery: ['push', 'pull'],
      limits: { maxReadsPerBatch: 10_000, maxBodyBytes: 64 * 1024 * 1024 },
    };
  }

  #start(res: ServerResponse, body: string): void {
    const start = JSON.parse(body) as SessionStart;
    this.#sessions.set(start.sessionId, { start, listed: new Map(), events: [] });
    send(res, 201, { sessionId: start.sessionId, now: start.startAt, reads: 0, events: 0 });
  }

  async #reads(session: Session, batch: ReadBatch, res: ServerResponse): Promise<void> {
    const arrivedMs = performance.now();
    this.reads += batch.reads.length;
    const degraded = this.#degraded(arrivedMs, batch.reads.length);
    await this.#waitOutStall(arrivedMs);
    if (this.#options.serialMs !== undefined) await this.#queue(this.#options.serialMs);
    if (degraded) await sleep(this.#options.degradeAbove!.delayMs);
    if (this.closed) return;
    const rejected: { index: number; readId: string; problem: string }[] = [];
    const alerts: Alert[] = [];
    batch.reads.forEach((read, index) => {
      if (this.#rejectVrms.has(read.vrm)) {
        rejected.push({ index, readId: read.readId, problem: 'Refused by the test hub' });
        return;
      }
      const entryId = session.listed.get(read.vrm);
      if (entryId !== undefined) alerts.push(this.#alert(read, entryId, batch.sentAt));
    });
    const miscount = this.#options.miscount === true ? 1 : 0;
    const accepted = batch.reads.length - rejected.length - miscount;
    send(res, 200, { accepted, rejected });
    if (alerts.length > 0) this.#deliver(session, alerts);
  }

  /** Whether the reads received over the last half second, these included, are too many. */
  #degraded(nowMs: number, reads: number): boolean {
    const limit = this.#options.degradeAbove;
    if (!limit) return false;
    this.#recent.push({ atMs: nowMs, reads });
    while (this.#recent[0]!.atMs < nowMs - DEGRADE_WINDOW_MS) this.#recent.shift();
    const total = this.#recent.reduce((n, r) => n + r.reads, 0);
    return (total * 1000) / DEGRADE_WINDOW_MS > limit.readsPerSecond;
  }

  async #waitOutStall(nowMs: number): Promise<void> {
    const stall = this.#options.stall;
    if (!stall) return;
    const phase = (nowMs - this.startedAt - (stall.atMs ?? 0)) % stall.everyMs;
    const into = phase < 0 ? phase + stall.everyMs : phase;
    if (into < stall.forMs) await sleep(stall.forMs - into);
  }

  #queue(ms: number): Promise<void> {
    const turn = this.#serial.then(() => sleep(ms));
    this.#serial = turn;
    return turn;
  }

  #alert(read: ReadBatch['reads'][number], entryId: string, at: string): Alert {
    const n = ++this.#events;
    return {
      type: 'alert',
      eventId: `e${n}`,
      at,
      alertId: `a${n}`,
      readId: read.readId,
      entryId,
      vrm: read.vrm,
      readVrm: read.vrm,
      cameraId: read.cameraId,
      category: 'intelligence',
      priority: 3,
      match: 'exact',
      confidence: read.confidence,
    };
  }

  #deliver(session: Session, events: HubEvent[]): void {
    const { delivery, callbackUrl, callbackToken, sessionId } = session.start;
    if (delivery !== 'push' || !callbackUrl) {
      session.events.push(...events);
      return;
    }
    const headers = {
      authorization: `Bearer ${callbackToken ?? ''}`,
      'content-type': 'application/json',
    };
    const body = JSON.stringify({ sessionId, events });
    request(callbackUrl, { dispatcher: this.agent, method: 'POST', headers, body })
      .then((answer) => answer.body.dump())
      .catch(() => undefined);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (res.destroyed) return;
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const json = JSON.stringify(body);
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

export interface MeasureOptions extends Partial<Omit<LoadOptions, 'scenarioPath' | 'hub'>> {
  profile: LoadProfile;
  /** Reads in the synthetic pool; 10,000 unless said. */
  poolReads?: number;
}

/**
 * One profile against a hub, with a synthetic pool of reads at one camera instead of a
 * scenario's, so that the sender can be tested without generating a world.
 */
export async function measureHub(
  hub: { url: string; token: string },
  options: MeasureOptions,
): Promise<{ run: MeasuredRun; figures: Figures }> {
  const settings = resolveLoadOptions({ scenarioPath: '(synthetic)', ...options });
  const pool = syntheticPool(options.poolReads ?? 10_000);
  const startAt = '2026-11-12T21:00:00.000Z';
  const probes = settings.probeEvery === 0 ? 0 : 1000;
  const seeds = seedEntries(probes, new Set());
  const session = await openLoadSession({
    url: hub.url,
    token: hub.token,
    delivery: settings.delivery,
    timeoutMs: settings.timeoutMs,
    sessionId: `measure-${++measured}`,
    scenario: 'synthetic',
    seed: 1,
    startAt,
    speed: 1,
    cameras: { cameras: [SYNTHETIC_CAMERA] },
    hotlist: seedChanges(seeds, startAt),
  });
  const sender = senderPool(session, settings);
  try {
    const feed = new ReadFeed(pool, { every: settings.probeEvery, marks: seeds.map((e) => e.vrm) });
    const clock = { startAtMs: Date.parse(startAt), startAbs: performance.now() };
    const runner = new ProfileRunner(settings, session, sender, feed, pool.replay, clock);
    const run = await runner.run(settings.profile);
    return { run, figures: figuresOf([run], run.outcome.measures.originAbs) };
  } finally {
    await sender.destroy();
    await session.end();
    await session.close();
  }
}

let measured = 0;

/** The one camera of the synthetic pool, which a hub must have registered. */
export const SYNTHETIC_CAMERA: CameraSite = {
  cameraId: 'cam-1',
  kind: 'fixed',
  name: 'Test site',
  road: 'A1(M)',
  position: { lon: -1.5, lat: 54 },
  headingsDeg: [0, 180],
};

/** `count` reads of distinct marks at one camera, delivered a tenth of a second apart. */
export function syntheticPool(count: number): ReadPool {
  const reads: Read[] = Array.from({ length: count }, (_, i) => ({
    readId: `r-${i}`,
    vrm: `NX${(i + 100_000).toString(36).toUpperCase()}`,
    cameraId: SYNTHETIC_CAMERA.cameraId,
    capturedAt: '2026-11-12T21:00:00.000Z',
    confidence: 0.9,
  }));
  return poolOf(
    reads,
    reads.map((_, i) => i * 100),
  );
}
