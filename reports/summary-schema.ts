import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { UNIT_KINDS } from '../simulator/network/fixture.js';
import { COVER_WINDOW_MS, DUPLICATE_WINDOW_MS } from '../harness/scoring/detection.js';
import type { RunSummary } from '../harness/scoring/summary.js';
import '../harness/hub-api/formats.js';

/**
 * `summary.json` as TypeBox schemas, with what each score means (the README's table
 * of scores). The published JSON Schema, `reports/summary.schema.json`, is written
 * from these, and the type check at the end keeps them the same shape as
 * `RunSummary`. The date-time format is registered for TypeBox's own checkers.
 */

const Count = (description?: string) =>
  Type.Integer({ minimum: 0, ...(description ? { description } : {}) });

const Nullable = <T extends TSchema>(schema: T, description?: string) =>
  Type.Union([schema, Type.Null()], description ? { description } : {});

const Share = (description: string) =>
  Nullable(Type.Number({ minimum: 0, maximum: 1 }), `${description}; null when there was none`);

const Time = (description: string) =>
  Type.String({
    format: 'date-time',
    description: `${description} (simulated time, UTC)`,
  });

const CountsBy = (description: string) => Type.Record(Type.String(), Count(), { description });

function fixed<T extends Record<string, TSchema>>(properties: T, description?: string) {
  return Type.Object(properties, {
    additionalProperties: false,
    ...(description ? { description } : {}),
  });
}

function literals<const T extends readonly string[]>(values: T, description: string) {
  return Type.Union(
    values.map((v: T[number]) => Type.Literal(v)),
    { description },
  );
}

const Percentiles = (description: string) =>
  fixed(
    {
      count: Count('Values measured'),
      p50: Nullable(Type.Number({ minimum: 0 })),
      p95: Nullable(Type.Number({ minimum: 0 })),
      p99: Nullable(Type.Number({ minimum: 0 })),
      max: Nullable(Type.Number({ minimum: 0 })),
    },
    `${description}; the percentiles are null when nothing was measured`,
  );

export const ShareSchema = fixed({
  opportunities: Count('Listed sightings that reached the hub'),
  detected: Count('Of those, the ones alerted on'),
  recall: Share('detected over opportunities'),
});

export const DetectionSchema = fixed(
  {
    opportunities: Count('Listed sightings of which at least one read reached the hub'),
    detected: Count('Listed sightings alerted on'),
    recall: Share(
      'Share of listed sightings that reached the hub and were alerted on, by their own ' +
        `read or an alert on the same mark within ${COVER_WINDOW_MS / 60_000} minutes`,
    ),
    recallByCategory: Type.Record(Type.String(), ShareSchema, {
      description: 'Recall by hotlist category',
    }),
    recallByCameraKind: Type.Record(Type.String(), ShareSchema, {
      description: 'Recall by the kind of camera that saw the vehicle',
    }),
    unread: Count(
      'Listed sightings no read of which reached the hub: camera misses and failed ' +
        "deliveries, not the hub's doing",
    ),
    alerts: Count('Alerts the hub raised'),
    trueAlerts: Count('Alerts on a vehicle that showed the alerted mark'),
    duplicateAlerts: Count(
      `Alerts on a mark already alerted on within ${DUPLICATE_WINDOW_MS / 60_000} minutes`,
    ),
    falseAlerts: Count(
      'Alerts on a vehicle that did not show the alerted mark, on reads never sent, or on ' +
        'marks not listed',
    ),
    falseAlertsByReason: fixed(
      { misread: Count(), 'unknown-read': Count(), 'not-listed': Count() },
      'False alerts by why they were false',
    ),
    lateListingAlerts: Count(
      'Alerts on marks listed after the sighting but before its read reached the hub: right',
    ),
    latencyMs: Percentiles(
      'Milliseconds from handing a read to the hub to receiving its alert: wall-clock ' +
        'time, plus in virtual time the simulated time the hub held the alert past the tick',
    ),
    impossibleJourneys: fixed(
      {
        flags: Count('Impossible-journey flags the hub raised'),
        clonedMarks: Count('Cloned marks in play'),
        clonedMarksFlagged: Count('Cloned marks the hub flagged'),
      },
      "The hub's impossible-journey flags, and how many of the cloned marks it flagged",
    ),
  },
  'How well the hub alerted on listed vehicles',
);

export const InterceptionSchema = fixed(
  {
    journeys: Count('Offender journeys in the window'),
    alerted: Count('Offender journeys alerted on at least once'),
    intercepted: Count('Offender journeys stopped by a unit'),
    interceptedBeforeOffence: Count('Offender journeys stopped before the crime'),
    interceptedAfterOffence: Count('Offender journeys stopped after the crime'),
    alertToInterceptionMin: Percentiles(
      "Minutes from a journey's first true alert to its interception",
    ),
    stops: Count('Vehicles stopped by units'),
    justifiedStops: Count(
      'Stops of vehicles rightly listed (no insurance, wanted, ...) that were not on an ' +
        'offender journey',
    ),
    innocentStops: Count(
      'Drivers stopped who should not have been: a misread, a stale or wrong entry, the ' +
        'owner of a cloned plate',
    ),
    innocentStopsByReason: fixed(
      {
        misread: Count(),
        'cloned-plate': Count(),
        'stale-entry': Count(),
        'wrong-entry': Count(),
        'not-listed': Count(),
      },
      'Innocent stops by why the driver was stopped',
    ),
    dispatches: Count('Dispatch orders the field accepted'),
    dispatchesRefused: Count('Dispatch orders the field refused'),
    dispatchesRefusedByReason: CountsBy('Refused dispatch orders by reason'),
    misses: Count(
      'Dispatches where the target passed before the unit arrived, never came its way, or ' +
        'did not come within 30 minutes',
    ),
    missesByReason: CountsBy('Misses by reason'),
    standDowns: Count('Units the hub stood down'),
    unitMinutes: Count('Unit time spent on dispatches, minutes'),
  },
  'What the police units did with what the hub told them',
);

export const TimeModeSchema = Type.Union(
  [
    fixed({
      kind: Type.Literal('virtual'),
      tickMs: Type.Number({ exclusiveMinimum: 0, description: 'Simulated time per tick, ms' }),
    }),
    fixed({
      kind: Type.Literal('real'),
      speed: Type.Number({
        exclusiveMinimum: 0,
        description: 'Simulated seconds per wall-clock second',
      }),
    }),
  ],
  { description: 'How the simulated clock moved' },
);

export const UnitSchema = fixed({
  unitId: Type.String(),
  callsign: Type.String(),
  kind: literals(UNIT_KINDS, 'Road crime team car or response car'),
  dispatches: Count('Dispatches accepted'),
  stops: Count(),
  misses: Count(),
  busyMs: Type.Number({
    minimum: 0,
    description: 'From each dispatch until the unit was free again, simulated ms',
  }),
});

export const JourneySchema = fixed({
  journeyId: Type.String(),
  group: Type.String({ description: 'The offender group' }),
  home: Type.String({ description: 'Where the group set out from' }),
  target: Type.String({ description: 'The place of the crime' }),
  marks: Type.Array(Type.String(), { description: 'Marks its vehicles showed' }),
  departAt: Time('Left home'),
  offenceAt: Time('The crime'),
  homeAt: Time('Back home'),
  firstAlertAt: Nullable(Time('First true alert on any of its vehicles')),
  outcome: literals(
    ['intercepted-before-offence', 'intercepted-after-offence', 'not-intercepted'],
    'Whether a unit stopped it, and when',
  ),
  interceptedAt: Nullable(Time('When a unit stopped it')),
  interceptedBy: Nullable(Type.String({ description: 'The unit that stopped it' })),
});

export const CheckSchema = fixed(
  { name: Type.String(), pass: Type.Boolean(), detail: Type.String() },
  'A check every run must pass whatever its thresholds say',
);

export const ThresholdSchema = fixed(
  {
    metric: Type.String({ description: 'The path of the score in this document' }),
    description: Type.String(),
    min: Nullable(Type.Number()),
    max: Nullable(Type.Number()),
    value: Nullable(Type.Number(), 'The score; a score with no value fails its threshold'),
    pass: Type.Boolean(),
  },
  "A threshold from the scenario and the run's score against it",
);

export const RunSummarySchema = fixed(
  {
    verdict: literals(['pass', 'fail'], 'pass when every check and threshold holds'),
    scenario: fixed({
      name: Type.String(),
      file: Type.String({ description: 'The scenario file as the run was given it' }),
      sha256: Type.String({
        pattern: '^[0-9a-f]{64}$',
        description: 'SHA-256 of the scenario file',
      }),
      seed: Count('The seed of every random stream in the world'),
      window: fixed({ start: Time('Start of the window'), end: Time('End of the window') }),
    }),
    hub: fixed(
      {
        name: Nullable(Type.String()),
        version: Nullable(Type.String()),
        protocol: Nullable(Type.String({ description: 'Hub API version' })),
        target: Type.String({ description: 'in-process, the URL, or the driver module' }),
        settings: Type.Record(
          Type.String(),
          Type.Union([Type.String(), Type.Number(), Type.Boolean()]),
          { description: 'The settings the hub said change its decisions; empty if none' },
        ),
      },
      'The hub as it described itself; null when it never answered',
    ),
    harness: fixed({ name: Type.Literal('anpr-testbed'), version: Type.String() }),
    mode: TimeModeSchema,
    run: fixed({
      wallMs: Type.Number({ minimum: 0, description: 'Wall-clock length of the run' }),
      simulatedMs: Type.Number({ minimum: 0, description: 'Simulated time played' }),
      speedup: Type.Number({ minimum: 0, description: 'Simulated time over wall-clock time' }),
      ticks: Count('Virtual time steps, or real-time wake-ups'),
      interrupted: Type.Boolean({ description: 'The run was stopped before its end' }),
    }),
    reads: fixed(
      {
        generated: Count('Reads the cameras made'),
        delivered: Count('Reads the hub accepted'),
        rejected: Count('Reads the hub refused'),
        failed: Count('Reads that could not be delivered after retries'),
        unsent: Count('Reads never sent, because the run was stopped early'),
        rejectedByReason: CountsBy("Refused reads by the hub's reason"),
      },
      'Every read generated is delivered, rejected, failed or unsent',
    ),
    hubEvents: fixed(
      {
        alerts: Count(),
        dispatches: Count(),
        standDowns: Count(),
        flags: Count('Impossible-journey flags'),
      },
      'Events the hub sent',
    ),
    faults: fixed(
      {
        byKind: CountsBy('Hub faults seen, by kind'),
        failedCalls: CountsBy('Calls that failed after retries, by call'),
        retries: Count('Calls retried'),
        hubDownSpells: Count('Spells in which the hub was taken to be down'),
      },
      'What went wrong between the harness and the hub',
    ),
    detection: DetectionSchema,
    interception: InterceptionSchema,
    units: Type.Array(UnitSchema, { description: 'Each police unit and what it did' }),
    journeys: Type.Array(JourneySchema, { description: 'What became of each offender journey' }),
    checks: Type.Array(CheckSchema),
    thresholds: Type.Array(ThresholdSchema, { description: "The scenario's thresholds, judged" }),
    notes: Type.Array(Type.String(), { description: 'What the run noticed about the world' }),
  },
  'What an anpr-testbed run did and how its hub scored: summary.json',
);

/** Assignable both ways: neither has a member the other lacks or types apart. */
type Equivalent<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** A summary read back from disk may come from another version of the harness. */
type WrittenSummary = Omit<RunSummary, 'harness'> & {
  harness: { name: RunSummary['harness']['name']; version: string };
};

/**
 * Fails to compile when the schema and `RunSummary` differ, so neither can change
 * without the other. (Neither has optional members, which this would not catch.)
 */
export const SCHEMA_MATCHES_RUN_SUMMARY: Equivalent<
  Static<typeof RunSummarySchema>,
  WrittenSummary
> = true;
