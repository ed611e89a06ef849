import { timingSafeEqual } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { Problem } from '../harness/hub-api/protocol.js';
import { ENDPOINTS } from '../harness/hub-api/routes.js';
import { TestbedError } from '../simulator/errors.js';
import type { Network } from '../simulator/network/index.js';
import { PushDelivery } from './delivery.js';
import { ReferenceHub } from './hub.js';
import type { HubOptions } from './options.js';
import { problemFor, problemOf } from './problems.js';
import type { PushOptions } from './push.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Whether the endpoint needs the bearer token. */
    auth?: boolean;
  }
}

export interface HubServerOptions {
  /** The bearer token every endpoint but /health requires. */
  token: string;
  network: Network;
  hub?: HubOptions;
  push?: PushOptions;
  /** Fastify's logger setting: false (the default), true, or pino options. */
  logger?: FastifyServerOptions['logger'];
}

const PROBLEM_TYPE = 'application/problem+json';
const REALM = 'Bearer realm="anpr-testbed reference hub"';
const SessionParams = Type.Object({ sessionId: Type.String() });

/**
 * The reference hub over HTTP: every endpoint of the Hub API with its schemas,
 * bearer tokens, problem+json errors and push delivery. Built apart from listening,
 * so tests can `inject` into it; `listen` is the caller's.
 */
export function buildHubServer(options: HubServerOptions): FastifyInstance {
  if (options.token.length === 0) {
    throw new TestbedError('ATB_HUB_OPTION_INVALID', {
      name: 'token',
      expected: 'a token of at least one character',
      value: '""',
    });
  }
  const hub = new ReferenceHub(options.network, options.hub);
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: hub.options.maxBodyBytes,
    // Requests come in their thousands; a line for each would drown the log.
    logController: new LogController({ disableRequestLogging: true }),
    // Every fault at once, and unknown members refused rather than dropped. Limitation:
    // one checker serves bodies and query strings, so it coerces scalars in both (a
    // confidence sent as "0.9" is taken as 0.9), which the query string needs.
    ajv: { customOptions: { allErrors: true, removeAdditional: false } },
  });
  const delivery = new PushDelivery(hub, app.log, options.push);

  app.addHook('onRequest', authenticator(options.token));
  app.setErrorHandler((err, request, reply) => {
    const problem = problemFor(err, request.url, hub.options.maxBodyBytes);
    if (problem.status >= 500) request.log.error({ err }, 'request failed');
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      problemOf(
        new TestbedError('ATB_HUB_NOT_FOUND', { method: request.method, url: request.url }),
        request.url,
      ),
    ),
  );
  app.addHook('onClose', () => delivery.closeAll());
  registerSessionRoutes(typed(app), hub, delivery);
  registerRunRoutes(typed(app), hub, delivery);
  return app;
}

function typed(app: FastifyInstance) {
  return app.withTypeProvider<TypeBoxTypeProvider>();
}
type HubApp = ReturnType<typeof typed>;

/** The endpoints that set up, describe and end sessions. */
function registerSessionRoutes(app: HubApp, hub: ReferenceHub, delivery: PushDelivery): void {
  const e = ENDPOINTS;

  app.get(
    e.health.path,
    { schema: { response: { 200: e.health.response } }, config: { auth: e.health.auth } },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    e.info.path,
    { schema: { response: { 200: e.info.response } }, config: { auth: e.info.auth } },
    () => hub.info(),
  );

  app.post(
    e.startSession.path,
    {
      schema: { body: e.startSession.body, response: { 201: e.startSession.response } },
      config: { auth: e.startSession.auth },
    },
    (request, reply) => {
      const state = hub.startSession(request.body);
      delivery.open(state.sessionId);
      request.log.info(
        { sessionId: state.sessionId, delivery: request.body.delivery },
        'session started',
      );
      reply.code(201);
      return state;
    },
  );

  app.get(
    e.sessionState.path,
    {
      schema: { params: SessionParams, response: { 200: e.sessionState.response } },
      config: { auth: e.sessionState.auth },
    },
    (request) => hub.sessionState(request.params.sessionId),
  );

  app.delete(
    e.endSession.path,
    { schema: { params: SessionParams }, config: { auth: e.endSession.auth } },
    async (request, reply) => {
      const { sessionId } = request.params;
      const counters = hub.endSession(sessionId);
      const push = delivery.stats(sessionId);
      await delivery.close(sessionId);
      request.log.info({ sessionId, counters, push }, 'session ended');
      return reply.code(204).send();
    },
  );
}

/** The endpoints that feed a running session and give back what it raised. */
function registerRunRoutes(app: HubApp, hub: ReferenceHub, delivery: PushDelivery): void {
  const e = ENDPOINTS;

  app.put(
    e.cameras.path,
    { schema: { params: SessionParams, body: e.cameras.body }, config: { auth: e.cameras.auth } },
    (request, reply) => {
      hub.cameras(request.params.sessionId, request.body);
      return reply.code(204).send();
    },
  );

  app.post(
    e.hotlist.path,
    { schema: { params: SessionParams, body: e.hotlist.body }, config: { auth: e.hotlist.auth } },
    (request, reply) => {
      hub.hotlist(request.params.sessionId, request.body);
      delivery.flush(request.params.sessionId);
      return reply.code(204).send();
    },
  );

  app.post(
    e.reads.path,
    {
      schema: { params: SessionParams, body: e.reads.body, response: { 200: e.reads.response } },
      config: { auth: e.reads.auth },
    },
    (request) => {
      const accepted = hub.reads(request.params.sessionId, request.body);
      delivery.flush(request.params.sessionId);
      return accepted;
    },
  );

  app.post(
    e.units.path,
    { schema: { params: SessionParams, body: e.units.body }, config: { auth: e.units.auth } },
    (request, reply) => {
      hub.units(request.params.sessionId, request.body);
      delivery.flush(request.params.sessionId);
      return reply.code(204).send();
    },
  );

  app.post(
    e.clock.path,
    {
      schema: { params: SessionParams, body: e.clock.body, response: { 200: e.clock.response } },
      config: { auth: e.clock.auth },
    },
    async (request) => {
      const state = hub.advance(request.params.sessionId, request.body);
      await delivery.settle(request.params.sessionId);
      return state;
    },
  );

  app.get(
    e.events.path,
    {
      schema: {
        params: SessionParams,
        querystring: e.events.query,
        response: { 200: e.events.response },
      },
      config: { auth: e.events.auth },
    },
    (request) =>
      hub.eventsAfter(
        request.params.sessionId,
        request.query.after ?? '',
        request.query.limit ?? 1000,
      ),
  );
}

function authenticator(token: string) {
  const expected = Buffer.from(`Bearer ${token}`);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> => {
    if (request.routeOptions.config.auth !== true) return;
    const given = request.headers.authorization;
    if (given !== undefined && sameBytes(Buffer.from(given), expected)) return;
    const detail =
      given === undefined
        ? 'This endpoint needs the hub token as Authorization: Bearer <token>'
        : 'The bearer token is not this hub’s';
    reply.header(
      'www-authenticate',
      given === undefined ? REALM : `${REALM}, error="invalid_token"`,
    );
    return sendProblem(
      reply,
      problemOf(new TestbedError('ATB_HUB_UNAUTHORISED', { detail }), request.url),
    );
  };
}

/**
 * Compares in constant time, so the answer's timing says nothing about the token.
 */
function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type(PROBLEM_TYPE).send(problem);
}
