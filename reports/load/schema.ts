import { Type, type TSchema } from '@sinclair/typebox';

/**
 * The shape of `load.json` as far as the reports read it: each member they use, with its
 * type. A file that passes can be drawn without a surprise; members the reports do not
 * use may come and go without breaking them.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Count = () => Type.Integer({ minimum: 0 });
const Num = () => Type.Number();
const Text = () => Type.String();

const Percentiles = Type.Object({
  count: Count(),
  p50: Nullable(Num()),
  p90: Nullable(Num()),
  p99: Nullable(Num()),
  p999: Nullable(Num()),
  max: Nullable(Num()),
});

const Rate = Type.Object({ reads: Count(), readsPerSecond: Num() });
const Bound = Type.Object({ value: Num(), source: Text() });

const Settings = Type.Object({
  profile: Nullable(Type.Object({ kind: Text() })),
  description: Text(),
  durationMs: Num(),
  maxReads: Num(),
  batch: Count(),
  holdMs: Num(),
  connections: Count(),
  maxInFlight: Count(),
  probeEvery: Count(),
  delivery: Text(),
  lateAfterMs: Num(),
  graceMs: Num(),
  timeoutMs: Num(),
  bounds: Type.Object({ maxP99Ms: Bound, maxErrorRate: Bound }),
  search: Nullable(
    Type.Object({ startPerSecond: Num(), factor: Num(), maxSteps: Count(), restMs: Num() }),
  ),
});

const SecondPoint = Type.Object({
  second: Count(),
  offered: Num(),
  sent: Num(),
  achieved: Num(),
  failed: Num(),
  behindSchedule: Num(),
  p50Ms: Nullable(Num()),
  p99Ms: Nullable(Num()),
  maxMs: Nullable(Num()),
  alertP99Ms: Nullable(Num()),
});

const Step = Type.Object({
  step: Count(),
  readsPerSecond: Num(),
  offeredReadsPerSecond: Num(),
  sentReadsPerSecond: Num(),
  achievedReadsPerSecond: Num(),
  ingestP50Ms: Nullable(Num()),
  ingestP99Ms: Nullable(Num()),
  alertP99Ms: Nullable(Num()),
  errorRate: Num(),
  behindSchedule: Num(),
  generatorLimited: Type.Boolean(),
  held: Type.Boolean(),
  broke: Type.Array(Text()),
  startSecond: Num(),
});

const Saturation = Type.Object({
  startPerSecond: Num(),
  factor: Num(),
  stepMs: Num(),
  steps: Type.Array(Step),
  highestHeldReadsPerSecond: Nullable(Num()),
  brokeAtReadsPerSecond: Nullable(Num()),
  conclusion: Text(),
});

const Stop = Type.Object({ kind: Text(), atMs: Num(), message: Text() });

export const LoadResultSchema = Type.Object({
  kind: Type.Literal('anpr-testbed/load'),
  version: Type.Literal(1),
  verdict: Type.Union([Type.Literal('pass'), Type.Literal('fail')]),
  startedAt: Text(),
  wallMs: Num(),
  harness: Type.Object({ name: Text(), version: Text() }),
  scenario: Type.Object({ name: Text(), file: Text(), seed: Num() }),
  hub: Type.Object({
    target: Text(),
    name: Nullable(Text()),
    version: Nullable(Text()),
    inProcess: Type.Boolean(),
  }),
  settings: Settings,
  pool: Type.Object({
    reads: Count(),
    passes: Count(),
    hotlistChanges: Count(),
    seedMarks: Count(),
    generatedMs: Num(),
  }),
  offered: Type.Intersect([Rate, Type.Object({ requests: Count() })]),
  sent: Type.Intersect([Rate, Type.Object({ requests: Count() })]),
  achieved: Rate,
  reads: Type.Object({
    offered: Count(),
    sent: Count(),
    accepted: Count(),
    rejected: Count(),
    failed: Count(),
    unaccounted: Count(),
    unsent: Count(),
  }),
  latencyMs: Type.Object({ ingest: Percentiles, alert: Percentiles, service: Percentiles }),
  alerts: Type.Object({ expected: Count(), alerted: Count(), missing: Count() }),
  errors: Type.Object({
    byKind: Type.Record(Text(), Count()),
    samples: Type.Record(Text(), Text()),
    errorRate: Num(),
  }),
  behindSchedule: Type.Object({
    sends: Count(),
    share: Num(),
    worstLagMs: Num(),
    waitingForConnection: Count(),
    generatorLate: Count(),
  }),
  generator: Type.Object({
    eventLoopUtilisation: Num(),
    limited: Type.Boolean(),
    shortfallReadsPerSecond: Num(),
  }),
  series: Type.Array(SecondPoint),
  saturation: Nullable(Saturation),
  thresholds: Type.Array(
    Type.Object({
      metric: Text(),
      max: Num(),
      value: Nullable(Num()),
      pass: Type.Boolean(),
      source: Text(),
    }),
  ),
  checks: Type.Array(Type.Object({ name: Text(), pass: Type.Boolean(), detail: Text() })),
  stopped: Nullable(Stop),
  error: Nullable(Type.Object({ code: Text(), message: Text() })),
  notes: Type.Array(Text()),
});
