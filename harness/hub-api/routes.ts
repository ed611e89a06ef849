import { Type, type TSchema } from '@sinclair/typebox';
import {
  CameraRegistry,
  ClockAdvance,
  EventPage,
  EventPush,
  HotlistChanges,
  HubInfo,
  ReadBatch,
  ReadsAccepted,
  SessionStart,
  SessionState,
  UnitReports,
} from './protocol.js';

/**
 * The endpoints of the Hub API in one table: the reference hub registers them, the HTTP
 * driver calls them and the OpenAPI document is written from them.
 */
export interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Fastify-style path; `:sessionId` is the only parameter. */
  path: string;
  summary: string;
  description: string;
  /** Whether the bearer token is required. */
  auth: boolean;
  body?: TSchema;
  query?: TSchema;
  /** The success status and its body (none for 204). */
  status: 200 | 201 | 204;
  response?: TSchema;
}

const Health = Type.Object(
  { status: Type.Literal('ok') },
  { additionalProperties: false, description: 'The hub is up' },
);

const session = '/v1/sessions/:sessionId';

export const ENDPOINTS = {
  health: {
    method: 'GET',
    path: '/health',
    summary: 'Liveness',
    description: 'Answers without a token, so that load balancers and the harness can probe.',
    auth: false,
    status: 200,
    response: Health,
  },
  info: {
    method: 'GET',
    path: '/v1/hub',
    summary: 'What the hub is',
    description: 'Name, version, the protocol version, the modes and deliveries it supports.',
    auth: true,
    status: 200,
    response: HubInfo,
  },
  startSession: {
    method: 'POST',
    path: '/v1/sessions',
    summary: 'Start a session',
    description:
      'Begins a run. The hub forgets nothing of other sessions, but a session id may be ' +
      'reused only after it has ended.',
    auth: true,
    body: SessionStart,
    status: 201,
    response: SessionState,
  },
  sessionState: {
    method: 'GET',
    path: session,
    summary: 'Session state',
    description: 'The hub’s clock and counts for the session.',
    auth: true,
    status: 200,
    response: SessionState,
  },
  endSession: {
    method: 'DELETE',
    path: session,
    summary: 'End a session',
    description: 'The hub may drop everything it holds for the session.',
    auth: true,
    status: 204,
  },
  cameras: {
    method: 'PUT',
    path: `${session}/cameras`,
    summary: 'Replace the camera site registry',
    description: 'Sent once at the start, and again whenever sites change.',
    auth: true,
    body: CameraRegistry,
    status: 204,
  },
  hotlist: {
    method: 'POST',
    path: `${session}/hotlist`,
    summary: 'Apply hotlist changes',
    description:
      'Upserts and removals, applied in order. A change id seen before is ignored, so a ' +
      'retried request does no harm.',
    auth: true,
    body: HotlistChanges,
    status: 204,
  },
  reads: {
    method: 'POST',
    path: `${session}/reads`,
    summary: 'Deliver a batch of reads',
    description:
      'Every read is either accepted or listed among the rejections with the reason. A read ' +
      'id seen before counts as accepted and is not processed again, so a retried batch ' +
      'does no harm. Alerts the reads raise are delivered as events.',
    auth: true,
    body: ReadBatch,
    status: 200,
    response: ReadsAccepted,
  },
  units: {
    method: 'POST',
    path: `${session}/units`,
    summary: 'Unit positions and status',
    description:
      'Where each unit is and what it is doing. A unit reported available has finished ' +
      'its last dispatch.',
    auth: true,
    body: UnitReports,
    status: 204,
  },
  clock: {
    method: 'POST',
    path: `${session}/clock`,
    summary: 'Advance the clock (virtual time)',
    description:
      'The hub answers only once it has processed everything sent before `now`, and has ' +
      'raised (and in push delivery, posted) every event due by then.',
    auth: true,
    body: ClockAdvance,
    status: 200,
    response: SessionState,
  },
  events: {
    method: 'GET',
    path: `${session}/events`,
    summary: 'Poll for events (pull delivery)',
    description:
      'Events after the cursor, oldest first. An empty `after` starts from the beginning. ' +
      'The same cursor always gives the same events.',
    auth: true,
    query: Type.Object(
      {
        after: Type.Optional(Type.String({ description: 'Cursor from the previous page' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1000 })),
      },
      { additionalProperties: false },
    ),
    status: 200,
    response: EventPage,
  },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

/** The callback the hub calls in push delivery (an OpenAPI webhook). */
export const EVENT_PUSH = {
  method: 'POST',
  summary: 'Events from the hub (push delivery)',
  description:
    'The hub posts events to the session’s callback URL with the callback token as a ' +
    'bearer token. The harness answers 204; the hub retries on any other answer, and the ' +
    'harness ignores event ids it has seen.',
  body: EventPush,
} as const;

/** The path of an endpoint with the session filled in. */
export function pathOf(name: EndpointName, sessionId = ''): string {
  return ENDPOINTS[name].path.replace(':sessionId', encodeURIComponent(sessionId));
}
