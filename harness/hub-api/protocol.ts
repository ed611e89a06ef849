import { Type, type Static } from '@sinclair/typebox';
import { CAMERA_KINDS, UNIT_KINDS } from '../../simulator/network/fixture.js';
import { HOTLIST_CATEGORIES } from '../../simulator/scenario/schema.js';
import './formats.js';

/**
 * The Hub API, version 1: the messages the harness and a hub exchange, as TypeBox schemas.
 * The OpenAPI document, the reference hub's validation and the HTTP driver all use these,
 * so a hub built from the document speaks exactly what the harness sends.
 *
 * Times on the wire are simulated times, ISO 8601 in UTC with milliseconds
 * (`2026-11-12T21:04:05.123Z`). In virtual time they are the only clock the hub has.
 */

export const PROTOCOL_VERSION = '1.0';

/** Every endpoint of the protocol lives under this path. */
export const BASE_PATH = '/v1';

const Id = (description: string) =>
  Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$', description });

const Time = (description: string) => Type.String({ format: 'date-time', description });

/** A registration mark as cameras report it: upper-case letters and digits, no spaces. */
export const Vrm = Type.String({
  minLength: 1,
  maxLength: 10,
  pattern: '^[A-Z0-9]+$',
  description: 'Registration mark, upper case without spaces, e.g. YK71ABC',
});

export const LonLat = Type.Object(
  {
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
  },
  { additionalProperties: false, description: 'WGS84 position in degrees' },
);
export type LonLat = Static<typeof LonLat>;

export const UNIT_STATUSES = ['available', 'en-route', 'waiting', 'stopping', 'returning'] as const;

function literals<const T extends readonly string[]>(values: T, description: string) {
  return Type.Union(
    values.map((v: T[number]) => Type.Literal(v)),
    { description },
  );
}

export const Priority = Type.Integer({
  minimum: 1,
  maximum: 4,
  description: '1 is the most urgent (act now), 4 the least (record only)',
});

// ---------------------------------------------------------------------------------------
// Problems (RFC 9457)

export const ProblemField = Type.Object(
  {
    path: Type.String({ description: 'JSON pointer to the member at fault, e.g. /reads/3/vrm' }),
    message: Type.String(),
  },
  { additionalProperties: false },
);

export const Problem = Type.Object(
  {
    type: Type.String({ description: 'A URI naming the kind of problem' }),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(ProblemField, { description: 'Every field at fault, when a body was invalid' }),
    ),
  },
  { description: 'An error, as application/problem+json (RFC 9457)' },
);
export type Problem = Static<typeof Problem>;

// ---------------------------------------------------------------------------------------
// The hub describes itself

export const HubInfo = Type.Object(
  {
    name: Type.String({ minLength: 1, description: 'The hub product, for reports' }),
    version: Type.String({ minLength: 1 }),
    protocol: Type.String({ description: `Hub API version spoken, e.g. ${PROTOCOL_VERSION}` }),
    modes: Type.Array(literals(['virtual', 'real'] as const, 'Time mode'), { minItems: 1 }),
    delivery: Type.Array(literals(['push', 'pull'] as const, 'Event delivery'), { minItems: 1 }),
    limits: Type.Object(
      {
        maxReadsPerBatch: Type.Integer({ minimum: 1 }),
        maxBodyBytes: Type.Integer({ minimum: 1024 }),
      },
      { additionalProperties: false },
    ),
    settings: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()]), {
        description:
          'The settings that change what the hub decides (alert windows, dispatch rules), ' +
          'recorded in reports so that runs of one hub with different settings can be told apart',
      }),
    ),
  },
  { additionalProperties: false, description: 'What the hub is and what it supports' },
);
export type HubInfo = Static<typeof HubInfo>;

// ---------------------------------------------------------------------------------------
// Sessions

export const SessionStart = Type.Object(
  {
    sessionId: Id('Chosen by the harness; names the run in both sides’ logs'),
    scenario: Type.String({ description: 'Scenario name, for the hub’s logs' }),
    seed: Type.Integer({ minimum: 0 }),
    mode: literals(
      ['virtual', 'real'] as const,
      'virtual: the clock moves only when the harness advances it; ' +
        'real: simulated time follows the wall clock at `speed`',
    ),
    startAt: Time('Simulated time at which the session begins'),
    speed: Type.Number({
      exclusiveMinimum: 0,
      description: 'Simulated seconds per wall-clock second in real mode (1 for training)',
    }),
    delivery: literals(
      ['push', 'pull'] as const,
      'push: the hub posts events to callbackUrl; pull: the harness polls /events',
    ),
    callbackUrl: Type.Optional(
      Type.String({ format: 'uri', description: 'Where to post events in push delivery' }),
    ),
    callbackToken: Type.Optional(
      Type.String({ description: 'Bearer token the hub must send with each push' }),
    ),
  },
  { additionalProperties: false },
);
export type SessionStart = Static<typeof SessionStart>;

export const SessionState = Type.Object(
  {
    sessionId: Type.String(),
    now: Time('The hub’s simulated clock'),
    reads: Type.Integer({ minimum: 0, description: 'Reads accepted so far' }),
    events: Type.Integer({ minimum: 0, description: 'Events raised so far' }),
  },
  { additionalProperties: false },
);
export type SessionState = Static<typeof SessionState>;

// ---------------------------------------------------------------------------------------
// Camera sites

export const CameraSite = Type.Object(
  {
    cameraId: Id('The id reads carry'),
    kind: literals(CAMERA_KINDS, 'Fixed site, mobile safety-camera van, rapid-deploy, in-car'),
    name: Type.String(),
    road: Type.String({ description: 'Road reference, e.g. A64' }),
    position: LonLat,
    headingsDeg: Type.Array(Type.Number({ minimum: 0, maximum: 360 }), {
      minItems: 1,
      description: 'Compass headings of the traffic it reads',
    }),
  },
  { additionalProperties: false },
);
export type CameraSite = Static<typeof CameraSite>;

export const CameraRegistry = Type.Object(
  { cameras: Type.Array(CameraSite, { maxItems: 100_000 }) },
  { additionalProperties: false, description: 'Replaces the hub’s camera registry' },
);
export type CameraRegistry = Static<typeof CameraRegistry>;

// ---------------------------------------------------------------------------------------
// Hotlist

export const HotlistEntry = Type.Object(
  {
    entryId: Id('Stable id of the entry; an upsert with the same id replaces it'),
    vrm: Vrm,
    category: literals(HOTLIST_CATEGORIES, 'Why the vehicle is of interest'),
    priority: Priority,
    reason: Type.String({ description: 'Free text for the operator' }),
    make: Type.String(),
    model: Type.String(),
    colour: Type.String(),
  },
  { additionalProperties: false },
);
export type HotlistEntry = Static<typeof HotlistEntry>;

export const HotlistUpsert = Type.Object(
  {
    action: Type.Literal('upsert'),
    changeId: Id('Unique per change; a repeated change is applied once'),
    at: Time('When the entry was made'),
    entry: HotlistEntry,
  },
  { additionalProperties: false },
);

export const HotlistRemove = Type.Object(
  {
    action: Type.Literal('remove'),
    changeId: Id('Unique per change; a repeated change is applied once'),
    at: Time('When the entry was withdrawn'),
    entryId: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);

export const HotlistChange = Type.Union([HotlistUpsert, HotlistRemove]);
export type HotlistChange = Static<typeof HotlistChange>;

export const HotlistChanges = Type.Object(
  { changes: Type.Array(HotlistChange, { maxItems: 100_000 }) },
  { additionalProperties: false, description: 'Applied in order' },
);
export type HotlistChanges = Static<typeof HotlistChanges>;

// ---------------------------------------------------------------------------------------
// Reads

export const Read = Type.Object(
  {
    readId: Id('Unique per read; a hub must treat a repeated id as already received'),
    vrm: Vrm,
    cameraId: Type.String({ minLength: 1 }),
    capturedAt: Time('By the camera’s own clock, which may be skewed'),
    confidence: Type.Number({ minimum: 0, maximum: 1, description: 'The engine’s confidence' }),
    headingDeg: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 360,
        description:
          'Compass heading of the vehicle’s travel, when the site knows which way it looks ' +
          '(one camera per carriageway does)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type Read = Static<typeof Read>;

export const ReadBatch = Type.Object(
  {
    sentAt: Time('Simulated time the batch is delivered'),
    reads: Type.Array(Read, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type ReadBatch = Static<typeof ReadBatch>;

export const ReadRejection = Type.Object(
  {
    index: Type.Integer({ minimum: 0, description: 'Position of the read in the batch' }),
    readId: Type.String(),
    problem: Type.String({ description: 'Why the hub refused it' }),
  },
  { additionalProperties: false },
);
export type ReadRejection = Static<typeof ReadRejection>;

export const ReadsAccepted = Type.Object(
  {
    accepted: Type.Integer({ minimum: 0 }),
    rejected: Type.Array(ReadRejection),
  },
  {
    additionalProperties: false,
    description: 'Every read of the batch is either accepted or listed in rejected',
  },
);
export type ReadsAccepted = Static<typeof ReadsAccepted>;

// ---------------------------------------------------------------------------------------
// Units

export const UnitReport = Type.Object(
  {
    unitId: Id('The unit'),
    callsign: Type.String(),
    kind: literals(UNIT_KINDS, 'Road crime team car or response car'),
    status: literals(UNIT_STATUSES, 'What the unit is doing'),
    position: LonLat,
    dispatchId: Type.Union([Type.String(), Type.Null()], {
      description: 'The dispatch the unit is working on, if any',
    }),
  },
  { additionalProperties: false },
);
export type UnitReport = Static<typeof UnitReport>;

export const UnitReports = Type.Object(
  {
    at: Time('Simulated time of the positions'),
    units: Type.Array(UnitReport, { maxItems: 10_000 }),
  },
  { additionalProperties: false },
);
export type UnitReports = Static<typeof UnitReports>;

// ---------------------------------------------------------------------------------------
// Clock (virtual time)

export const ClockAdvance = Type.Object(
  { now: Time('The hub must process everything sent before this time, then answer') },
  { additionalProperties: false },
);
export type ClockAdvance = Static<typeof ClockAdvance>;

// ---------------------------------------------------------------------------------------
// Events the hub raises

export const Alert = Type.Object(
  {
    type: Type.Literal('alert'),
    eventId: Id('Unique per event; the harness ignores repeats'),
    at: Time('Simulated time the hub raised it'),
    alertId: Id('The alert'),
    readId: Type.String({ description: 'The read that raised it' }),
    entryId: Type.String({ description: 'The hotlist entry it matched' }),
    vrm: Vrm,
    readVrm: Vrm,
    cameraId: Type.String(),
    category: literals(HOTLIST_CATEGORIES, 'Category of the entry'),
    priority: Priority,
    match: literals(
      ['exact', 'similar'] as const,
      'exact: the read is the listed mark; similar: it differs by look-alike characters',
    ),
    confidence: Type.Number({ minimum: 0, maximum: 1 }),
  },
  { additionalProperties: false },
);
export type Alert = Static<typeof Alert>;

export const Dispatch = Type.Object(
  {
    type: Type.Literal('dispatch'),
    eventId: Id('Unique per event; the harness ignores repeats'),
    at: Time('Simulated time the order was given'),
    dispatchId: Id('The order'),
    unitId: Type.String(),
    alertId: Type.String({ description: 'The alert it acts on' }),
    vrm: Vrm,
    to: LonLat,
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false, description: 'Send a unit to a point to stop a vehicle' },
);
export type Dispatch = Static<typeof Dispatch>;

export const StandDown = Type.Object(
  {
    type: Type.Literal('stand-down'),
    eventId: Id('Unique per event'),
    at: Time('Simulated time of the order'),
    dispatchId: Type.String(),
    unitId: Type.String(),
  },
  { additionalProperties: false, description: 'Cancel a dispatch; the unit becomes available' },
);
export type StandDown = Static<typeof StandDown>;

export const JourneyFlag = Type.Object(
  {
    type: Type.Literal('impossible-journey'),
    eventId: Id('Unique per event'),
    at: Time('Simulated time the hub raised it'),
    vrm: Vrm,
    readIds: Type.Array(Type.String(), { minItems: 2, maxItems: 2 }),
    distanceKm: Type.Number({ minimum: 0 }),
    minutes: Type.Number({ minimum: 0 }),
  },
  {
    additionalProperties: false,
    description: 'The same mark read twice too far apart for the time between: a likely clone',
  },
);
export type JourneyFlag = Static<typeof JourneyFlag>;

export const HubEvent = Type.Union([Alert, Dispatch, StandDown, JourneyFlag]);
export type HubEvent = Static<typeof HubEvent>;

export const EventPage = Type.Object(
  {
    events: Type.Array(HubEvent),
    cursor: Type.String({ description: 'Pass as `after` to get the events that follow' }),
  },
  { additionalProperties: false },
);
export type EventPage = Static<typeof EventPage>;

export const EventPush = Type.Object(
  { sessionId: Type.String(), events: Type.Array(HubEvent, { minItems: 1 }) },
  { additionalProperties: false, description: 'What the hub posts to the callback URL' },
);
export type EventPush = Static<typeof EventPush>;
