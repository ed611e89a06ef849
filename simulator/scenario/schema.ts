import { Type, type Static } from '@sinclair/typebox';
import { CAMERA_KINDS } from '../network/fixture.js';

/**
 * The scenario file: a runnable story. Everything but `name`, `seed` and `window` has a
 * default, so a short file is a valid scenario; `resolveScenario` fills the defaults.
 * The published JSON Schema (`scenarios/scenario.schema.json`) is generated from these.
 */

const Probability = (description: string, fallback: number) =>
  Type.Number({ minimum: 0, maximum: 1, default: fallback, description });

const Positive = (description: string, fallback: number) =>
  Type.Number({ exclusiveMinimum: 0, default: fallback, description });

const NonNegative = (description: string, fallback: number) =>
  Type.Number({ minimum: 0, default: fallback, description });

const IsoTime = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?Z$',
  description: 'An instant in UTC, ISO 8601 with a Z, e.g. 2026-11-12T18:00:00Z',
});

export const DAY_TYPES = ['weekday', 'saturday', 'sunday'] as const;
export const CAMERA_KIND_NAMES = CAMERA_KINDS;
export const HOTLIST_CATEGORIES = [
  'stolen',
  'wanted',
  'intelligence',
  'missing-person',
  'no-insurance',
  'no-tax',
  'no-mot',
] as const;
export type HotlistCategory = (typeof HOTLIST_CATEGORIES)[number];
export const OFFENCE_KINDS = ['burglary', 'plant-theft', 'vehicle-theft'] as const;
export type OffenceKind = (typeof OFFENCE_KINDS)[number];
export const OFFENDER_VEHICLE_KINDS = ['own', 'stolen', 'cloned'] as const;

export const Window = Type.Object(
  {
    start: IsoTime,
    durationHours: Type.Number({
      exclusiveMinimum: 0,
      maximum: 24 * 14,
      description: 'Length of the run, hours (at most 14 days)',
    }),
    day: Type.Optional(
      Type.Union(
        DAY_TYPES.map((d) => Type.Literal(d)),
        { description: 'Which hourly traffic profile to use; by default the start date decides' },
      ),
    ),
  },
  { additionalProperties: false, description: 'The stretch of simulated time the run covers' },
);

export const Traffic = Type.Object(
  {
    dailyTrips: NonNegative(
      'Ordinary trips a day across the network, before the window is cut',
      900_000,
    ),
    tripsPerVehicle: Positive('Mean trips a day per registered vehicle', 2.4),
    commuterShare: Probability('Share of vehicles that repeat the same trips each weekday', 0.45),
    throughShare: Probability('Share of trips that start or end at a border gateway', 0.3),
    gravityDistanceKm: Positive(
      'Distance scale of the gravity model (trips fall off as exp(-d/scale))',
      18,
    ),
    routeSpread: Probability('Share of trips that take a near-equal alternative route', 0.15),
    hgvShare: Probability('Share of vehicles that are goods vehicles', 0.1),
    foreignShare: Probability(
      'Share of vehicles on foreign plates, which never match national lists',
      0.02,
    ),
    olderPlateShare: Probability('Share of vehicles on pre-2001 or cherished marks', 0.06),
    safePlates: Type.Boolean({
      default: true,
      description:
        'Use only marks that cannot have been issued, so a hub linked to live ' +
        'lists never matches a real vehicle',
    }),
    attraction: Type.Record(Type.String(), Type.Number({ exclusiveMinimum: 0 }), {
      default: {},
      description:
        'Multipliers on places as destinations, e.g. { Scarborough: 3 } for a summer Saturday',
    }),
  },
  { additionalProperties: false, description: 'Ordinary traffic: how many trips, between where' },
);

export const Outage = Type.Object(
  {
    camera: Type.String({ description: 'A camera id from the network' }),
    from: IsoTime,
    to: IsoTime,
  },
  {
    additionalProperties: false,
    description: 'A camera out of service from one instant to another',
  },
);

export const Cameras = Type.Object(
  {
    kinds: Type.Array(Type.Union(CAMERA_KINDS.map((k) => Type.Literal(k))), {
      default: ['fixed', 'mobile-van', 'in-car'],
      description: 'Camera kinds in service',
    }),
    rapidDeploy: Type.Array(Type.String(), {
      default: [],
      description:
        'Rapid-deploy candidate sites that are deployed (ids), in addition to the kinds above',
    }),
    outages: Type.Array(Outage, {
      default: [],
      description: 'Planned or known outages, in addition to the random ones',
    }),
    randomOutageShare: Probability(
      'Share of cameras that fail for a random spell during the window',
      0.02,
    ),
    vanSitesOccupied: Probability(
      'Share of safety-camera van sites with a van on them for the window ' +
        '(the force has fewer vans than sites)',
      0.3,
    ),
  },
  { additionalProperties: false, description: 'Which camera sites are in service' },
);

export const Rain = Type.Object(
  { from: IsoTime, to: IsoTime },
  { additionalProperties: false, description: 'A spell of rain over the whole network' },
);

export const SensorModel = Type.Object(
  {
    captureDay: Probability('Share of passing vehicles read by day', 0.97),
    captureNight: Probability('Share read at night', 0.92),
    rainFactor: Probability('Capture is multiplied by this in rain', 0.93),
    misreadRate: Probability('Share of captured plates reported with a wrong character', 0.03),
    partialRate: Probability('Share of captured plates reported with a character missing', 0.01),
    duplicateRate: Probability('Share of passes that produce a second read', 0.05),
    clockOffsetSdS: NonNegative('Spread of camera clock offsets, seconds', 1),
    clockDriftPpmSd: NonNegative('Spread of camera clock drift, parts per million', 5),
    delayMedianS: NonNegative(
      'Median delay from capture to delivery for a connected camera, seconds',
      2,
    ),
    uploadIntervalMinutes: NonNegative(
      'Store-and-forward cameras upload their backlog every so many minutes; ' +
        '0 sends each read at once',
      0,
    ),
    offlineShare: Probability('Share of upload windows a store-and-forward camera misses', 0),
  },
  { additionalProperties: false },
);
export type SensorModel = Static<typeof SensorModel>;

export const Sensors = Type.Object(
  {
    fixed: Type.Optional(Type.Partial(SensorModel)),
    'mobile-van': Type.Optional(Type.Partial(SensorModel)),
    'rapid-deploy': Type.Optional(Type.Partial(SensorModel)),
    'in-car': Type.Optional(Type.Partial(SensorModel)),
  },
  {
    additionalProperties: false,
    default: {},
    description:
      "Overrides of the sensor model per camera kind; what is not set keeps the kind's defaults",
  },
);

export const OffenderVehicle = Type.Object(
  {
    kind: Type.Union(
      OFFENDER_VEHICLE_KINDS.map((k) => Type.Literal(k)),
      {
        description:
          "own: the offender's own vehicle; stolen: taken before the journey; " +
          'cloned: shows the plate of an innocent vehicle of the same make',
      },
    ),
    flagged: Type.Boolean({
      default: false,
      description: 'For an own vehicle: carries an intelligence marker on the hotlist',
    }),
    type: Type.Union([Type.Literal('car'), Type.Literal('van'), Type.Literal('pickup')], {
      default: 'car',
    }),
  },
  { additionalProperties: false },
);

export const OffenderGroup = Type.Object(
  {
    name: Type.String({ minLength: 1, description: 'Unique among the groups' }),
    home: Type.String({ description: 'A place of the network where the group lives' }),
    vehicles: Type.Array(OffenderVehicle, {
      minItems: 1,
      maxItems: 2,
      description: 'Two vehicles travel in convoy',
    }),
    awareness: Type.Union([Type.Literal('aware'), Type.Literal('unaware')], {
      default: 'unaware',
      description: 'Aware groups route round known fixed camera sites',
    }),
    journeys: Type.Integer({
      minimum: 0,
      default: 1,
      description: 'Journeys to crime in the window',
    }),
    offences: Type.Array(Type.Union(OFFENCE_KINDS.map((k) => Type.Literal(k))), {
      minItems: 1,
      default: ['burglary'],
      description: 'Offences the group commits at its targets',
    }),
    targets: Type.Array(Type.String(), {
      default: [],
      description: 'Places to choose targets from; by default rural places in the force area',
    }),
  },
  { additionalProperties: false },
);

export const Offenders = Type.Object(
  {
    groups: Type.Array(OffenderGroup, { default: [] }),
    nightShare: Probability('Share of journeys that start between 20:00 and 04:00', 0.8),
    dwellMinutesMedian: Positive('Median time at the target', 45),
    targetDistanceKmMedian: Positive('Median straight-line distance from home to target', 45),
  },
  { additionalProperties: false, description: 'Travelling criminals and how they behave' },
);

export const Hotlist = Type.Object(
  {
    shares: Type.Record(Type.String(), Type.Number({ minimum: 0, maximum: 1 }), {
      default: {
        stolen: 0.0015,
        wanted: 0.0005,
        intelligence: 0.002,
        'missing-person': 0.0001,
        'no-insurance': 0.008,
        'no-tax': 0.01,
        'no-mot': 0.012,
      },
      description:
        'Share of registered vehicles listed in each category at the start; ' +
        'the categories are stolen, wanted, intelligence, missing-person, ' +
        'no-insurance, no-tax and no-mot',
    }),
    reportLagMinutesMedian: Positive(
      'Median delay from an offence to its vehicle being listed',
      180,
    ),
    staleShare: Probability('Share of stolen entries whose vehicle was already recovered', 0.1),
    wrongShare: Probability('Share of entries that carry a wrong mark', 0.01),
  },
  { additionalProperties: false, description: 'The vehicles of interest the hub is given' },
);

export const Units = Type.Object(
  {
    roadCrime: Type.Union([Type.Literal('all'), Type.Integer({ minimum: 0 })], {
      default: 'all',
      description: 'Road crime team cars on duty: all of those at the bases, or how many',
    }),
    response: Type.Union([Type.Literal('all'), Type.Integer({ minimum: 0 })], {
      default: 'all',
      description: 'Response cars on duty: all of those at the bases, or how many',
    }),
  },
  { additionalProperties: false, description: 'Police units the hub can dispatch' },
);

export const Threshold = Type.Object(
  {
    min: Type.Optional(Type.Number({ description: 'The score must be at least this' })),
    max: Type.Optional(Type.Number({ description: 'The score must be at most this' })),
  },
  { additionalProperties: false },
);

export const Scenario = Type.Object(
  {
    $schema: Type.Optional(
      Type.String({ description: 'A JSON Schema reference for editors; the loader ignores it' }),
    ),
    name: Type.String({ minLength: 1, description: 'A short name for reports' }),
    description: Type.String({
      default: '',
      description: 'What the scenario shows, for the people who run it',
    }),
    network: Type.String({
      default: 'north-yorkshire',
      description:
        'north-yorkshire for the bundled network, or a network folder relative ' +
        'to the scenario file',
    }),
    seed: Type.Integer({
      minimum: 0,
      maximum: 4294967295,
      description: 'The same seed and scenario give the same world',
    }),
    window: Window,
    traffic: Type.Optional(Traffic),
    cameras: Type.Optional(Cameras),
    rain: Type.Array(Rain, {
      default: [],
      description: 'Spells of rain, in which capture is multiplied by the rainFactor',
    }),
    sensors: Type.Optional(Sensors),
    offenders: Type.Optional(Offenders),
    hotlist: Type.Optional(Hotlist),
    units: Type.Optional(Units),
    thresholds: Type.Record(Type.String(), Threshold, {
      default: {},
      description: 'Scores a run must meet, e.g. { "detection.recall": { min: 0.9 } }',
    }),
  },
  {
    additionalProperties: false,
    title: 'anpr-testbed scenario',
    description:
      'A runnable story: a stretch of time on a road network, its traffic, ' +
      'cameras, weather, offenders, hotlist and police units, and the scores a hub must reach',
  },
);
export type ScenarioInput = Static<typeof Scenario>;
