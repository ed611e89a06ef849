import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadNetworkFixture } from '../harness/network/load.js';
import type { EventPush, Problem } from '../harness/hub-api/protocol.js';
import { ENDPOINTS, pathOf } from '../harness/hub-api/routes.js';
import { createNetwork, type Network } from '../simulator/network/index.js';
import { buildHubServer, type HubServerOptions } from './server.js';
import { at, cameraSites, entry, read, sessionStart, upsert } from './testing.js';

const TOKEN = 'secret-token';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const TADCASTER = 'fx-a64-at-tadcaster-a64-a162';

let network: Network;
const open: FastifyInstance[] = [];

beforeAll(async () => {
  network = createNetwork(await loadNetworkFixture());
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((app) => app.close()));
});

function server(options: Partial<HubServerOptions> = {}): FastifyInstance {
  const app = buildHubServer({ token: TOKEN, network, ...options });
  open.push(app);
  return app;
}

/** A server with session s1 started, the bundled cameras and YK71ABC listed. */
async function ready(options: Partial<HubServerOptions> = {}, start = sessionStart()) {
  const app = server(options);
  const post = (url: string, payload: object) =>
    app.inject({ method: 'POST', url, headers: AUTH, payload });
  expect((await post(pathOf('startSession'), start)).statusCode).toBe(201);
  const cameras = await app.inject({
    method: 'PUT',
    url: pathOf('cameras', 's1'),
    headers: AUTH,
    payload: { cameras: cameraSites(network) },
  });
  expect(cameras.statusCode).toBe(204);
  const listed = await post(pathOf('hotlist', 's1'), {
    changes: [upsert('c1', entry('E1', 'YK71ABC'))],
  });
  expect(listed.statusCode).toBe(204);
  return { app, post };
}

describe('the hub over HTTP', () => {
  it('registers every endpoint of the Hub API', async () => {
    const app = server();
    await app.ready();
    const missing = Object.entries(ENDPOINTS).filter(
      ([, e]) => !app.hasRoute({ method: e.method, url: e.path }),
    );
    expect(missing.map(([name]) => name)).toEqual([]);
  });

  it('answers /health without a token and /v1/hub with one', async () => {
    const app = server();
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.json()).toEqual({ status: 'ok' });
    const info = await app.inject({ method: 'GET', url: '/v1/hub', headers: AUTH });
    expect(info.json()).toEqual({
      name: 'anpr-testbed reference hub',
      version: '0.1.0',
      protocol: '1.0',
      modes: ['virtual', 'real'],
      delivery: ['push', 'pull'],
      limits: { maxReadsPerBatch: 10_000, maxBodyBytes: 16 * 1024 * 1024 },
      settings: {
        windowMs: 600_000,
        minSimilarConfidence: 0.5,
        dispatchMaxPriority: 2,
        minDispatchConfidence: 0.6,
      },
    });
  });

  it('refuses a missing or wrong token with 401 and a challenge', async () => {
    const app = server();
    const missing = await app.inject({ method: 'GET', url: '/v1/hub' });
    const wrong = await app.inject({
      method: 'GET',
      url: '/v1/hub',
      headers: { authorization: 'Bearer nope' },
    });
    for (const answer of [missing, wrong]) {
      expect(answer.statusCode).toBe(401);
      expect(answer.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(answer.json<Problem>()).toMatchObject({
        type: 'urn:anpr-testbed:problem:ATB_HUB_UNAUTHORISED',
        status: 401,
        instance: '/v1/hub',
      });
    }
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="anpr-testbed reference hub"');
    expect(wrong.headers['www-authenticate']).toBe(
      'Bearer realm="anpr-testbed reference hub", error="invalid_token"',
    );
  });

  it('names the field at fault when a body is invalid', async () => {
    const { post } = await ready();
    const reads = [0, 1, 2, 3].map((i) => read(`r${i}`, 'YK71ABC', TADCASTER, 1));
    reads[3]!.vrm = 'yk71 abc';
    const answer = await post(pathOf('reads', 's1'), { sentAt: at(1), reads });
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const problem = answer.json<Problem>();
    expect(problem.errors).toEqual([
      { path: '/reads/3/vrm', message: 'must match pattern "^[A-Z0-9]+$"' },
    ]);
    expect(problem.detail).toBe(
      'The body is invalid at /reads/3/vrm: must match pattern "^[A-Z0-9]+$"',
    );
  });

  it('names the fault inside the kind of hotlist change meant, not the other kinds', async () => {
    const { post } = await ready();
    const change = upsert('c2', entry('E2', 'yk71'));
    const answer = await post(pathOf('hotlist', 's1'), { changes: [change] });
    expect(answer.json<Problem>().errors).toEqual([
      { path: '/changes/0/entry/vrm', message: 'must match pattern "^[A-Z0-9]+$"' },
    ]);
  });

  it('lists every missing and unknown member', async () => {
    const { post } = await ready();
    const answer = await post(pathOf('reads', 's1'), {
      reads: [{ ...read('r1', 'YK71ABC', TADCASTER, 1), lane: 2 }],
    });
    expect(answer.json<Problem>().errors).toEqual([
      { path: '/sentAt', message: "must have required property 'sentAt'" },
      { path: '/reads/0/lane', message: 'must NOT have additional properties' },
    ]);
  });

  it('refuses a body over the limit with 413', async () => {
    const { post } = await ready({ hub: { maxBodyBytes: 65_536, maxReadsPerBatch: 5 } });
    const reads = Array.from({ length: 1000 }, (_, i) => read(`r${i}`, 'AB12CDE', TADCASTER, 1));
    const big = await post(pathOf('reads', 's1'), { sentAt: at(1), reads });
    expect(big.statusCode).toBe(413);
    expect(big.json<Problem>()).toMatchObject({
      type: 'urn:anpr-testbed:problem:ATB_HUB_BODY_TOO_LARGE',
      detail: 'The body is larger than the 65536 bytes this hub accepts',
    });
    const many = await post(pathOf('reads', 's1'), { sentAt: at(1), reads: reads.slice(0, 6) });
    expect(many.statusCode).toBe(413);
    expect(many.json<Problem>().detail).toBe('A batch may hold at most 5 reads; this one holds 6');
  });

  it('answers 404 for an unknown session or endpoint, without a stack trace', async () => {
    const app = server();
    const session = await app.inject({
      method: 'GET',
      url: pathOf('sessionState', 'nope'),
      headers: AUTH,
    });
    expect(session.statusCode).toBe(404);
    expect(session.json()).toEqual({
      type: 'urn:anpr-testbed:problem:ATB_HUB_SESSION_UNKNOWN',
      title: 'Not found',
      status: 404,
      detail: 'There is no session "nope"; start one with POST /v1/sessions',
      instance: '/v1/sessions/nope',
    });
    const endpoint = await app.inject({ method: 'GET', url: '/v2/anything' });
    expect(endpoint.statusCode).toBe(404);
    expect(endpoint.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('answers 409 when a running session id is reused', async () => {
    const { post } = await ready();
    const again = await post(pathOf('startSession'), sessionStart());
    expect(again.statusCode).toBe(409);
  });

  it('takes reads and gives alerts by pages after a cursor', async () => {
    const { app, post } = await ready({ hub: { windowMs: 1 } });
    const reads = [1, 2, 3].map((m) => read(`r${m}`, 'YK71ABC', TADCASTER, m));
    const accepted = await post(pathOf('reads', 's1'), { sentAt: at(1), reads: reads.slice(0, 1) });
    expect(accepted.json()).toEqual({ accepted: 1, rejected: [] });
    await post(pathOf('reads', 's1'), { sentAt: at(2), reads: reads.slice(1, 2) });
    await post(pathOf('reads', 's1'), { sentAt: at(3), reads: reads.slice(2) });
    const page = (query: string) =>
      app.inject({ method: 'GET', url: `${pathOf('events', 's1')}${query}`, headers: AUTH });

    const first = (await page('?limit=2')).json<{ events: { readId: string }[]; cursor: string }>();
    expect(first.events.map((e) => e.readId)).toEqual(['r1', 'r2']);
    const rest = await page(`?after=${first.cursor}&limit=2`);
    expect(rest.json()).toMatchObject({ events: [{ readId: 'r3', eventId: 'e3' }], cursor: '3' });
    expect((await page('?limit=0')).statusCode).toBe(400);
    expect((await page('?after=x')).statusCode).toBe(400);

    const clock = await post(pathOf('clock', 's1'), { now: at(10) });
    expect(clock.json()).toEqual({ sessionId: 's1', now: at(10), reads: 3, events: 3 });
    const end = await app.inject({
      method: 'DELETE',
      url: pathOf('endSession', 's1'),
      headers: AUTH,
    });
    expect(end.statusCode).toBe(204);
  });
});

interface Callback {
  url: string;
  pushes: { auth: string | undefined; body: EventPush }[];
  close: () => Promise<void>;
}

/** A real callback server on port 0 that answers 204 and keeps what it was sent. */
async function callbackServer(): Promise<Callback> {
  const pushes: Callback['pushes'] = [];
  const http: Server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as EventPush;
      pushes.push({ auth: request.headers.authorization, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hub-events?run=1`,
    pushes,
    close: () => new Promise((resolve) => http.close(() => resolve())),
  };
}

describe('push delivery over real HTTP', () => {
  it('posts events to the callback with its bearer token before the clock answers', async () => {
    const callback = await callbackServer();
    try {
      const start = sessionStart({
        delivery: 'push',
        callbackUrl: callback.url,
        callbackToken: 'cb-token',
      });
      const { app } = await ready({}, start);
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      const call = (path: string, body: object) =>
        fetch(`${base}${path}`, {
          method: 'POST',
          headers: { ...AUTH, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const batch = { sentAt: at(1), reads: [read('r1', 'YK71ABC', TADCASTER, 1)] };
      expect((await call(pathOf('reads', 's1'), batch)).status).toBe(200);
      const clock = await call(pathOf('clock', 's1'), { now: at(2) });
      expect(clock.status).toBe(200);

      expect(callback.pushes).toHaveLength(1);
      expect(callback.pushes[0]!.auth).toBe('Bearer cb-token');
      expect(callback.pushes[0]!.body).toMatchObject({
        sessionId: 's1',
        events: [{ type: 'alert', eventId: 'e1', readId: 'r1', entryId: 'E1' }],
      });
    } finally {
      await callback.close();
    }
  });

  it('carries on when the callback is down, counting what it could not deliver', async () => {
    const callback = await callbackServer();
    await callback.close();
    const warnings: string[] = [];
    const start = sessionStart({ delivery: 'push', callbackUrl: callback.url });
    const { app, post } = await ready(
      {
        push: { attempts: 2, backoffMs: 1 },
        logger: { level: 'warn', stream: { write: (line: string) => void warnings.push(line) } },
      },
      start,
    );
    await post(pathOf('reads', 's1'), {
      sentAt: at(1),
      reads: [read('r1', 'YK71ABC', TADCASTER, 1)],
    });
    const clock = await post(pathOf('clock', 's1'), { now: at(2) });
    expect(clock.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);

    const warning = JSON.parse(warnings.find((w) => w.includes('callback did not take'))!) as {
      sessionId: string;
      failures: number;
      dropped: number;
    };
    expect(warning).toMatchObject({ sessionId: 's1', failures: 2, dropped: 1 });
    const page = await app.inject({ method: 'GET', url: pathOf('events', 's1'), headers: AUTH });
    expect(page.json()).toMatchObject({ events: [{ eventId: 'e1' }] });
  });
});
