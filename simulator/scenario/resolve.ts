import type { Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { CAMERA_KINDS, type CameraKind } from '../network/fixture.js';
import { dayOfWeek, parseIsoUtc } from '../time.js';
import {
  Cameras,
  Hotlist,
  Offenders,
  Scenario,
  SensorModel,
  Traffic,
  Units,
  type ScenarioInput,
} from './schema.js';

/**
 * Sensor defaults per camera kind, from the domain notes: fixed sites capture 95 to 98% by
 * day and misread about 3%; mobile and in-car cameras capture and read worst (IACP/NIJ) and
 * store and forward their reads in batches minutes apart.
 */
const SENSOR_DEFAULTS: Record<CameraKind, Partial<SensorModel>> = {
  fixed: {},
  'mobile-van': {
    captureDay: 0.88,
    captureNight: 0.8,
    misreadRate: 0.05,
    partialRate: 0.02,
    clockOffsetSdS: 3,
    clockDriftPpmSd: 20,
    uploadIntervalMinutes: 15,
    offlineShare: 0.1,
  },
  'rapid-deploy': {
    captureDay: 0.9,
    captureNight: 0.84,
    misreadRate: 0.04,
    partialRate: 0.015,
    clockOffsetSdS: 2,
    delayMedianS: 5,
    uploadIntervalMinutes: 5,
    offlineShare: 0.05,
  },
  'in-car': {
    captureDay: 0.85,
    captureNight: 0.75,
    misreadRate: 0.06,
    partialRate: 0.02,
    duplicateRate: 0.1,
    clockOffsetSdS: 3,
    clockDriftPpmSd: 20,
    uploadIntervalMinutes: 10,
    offlineShare: 0.15,
  },
};

export type DayType = 'weekday' | 'saturday' | 'sunday';

/** A scenario with every default filled and its times parsed. */
export interface ResolvedScenario {
  name: string;
  description: string;
  network: string;
  seed: number;
  startMs: number;
  endMs: number;
  day: DayType;
  /** The day type the file forces on every day of the window, if it names one. */
  dayOverride: DayType | undefined;
  traffic: Static<typeof Traffic>;
  cameras: Static<typeof Cameras>;
  rain: { fromMs: number; toMs: number }[];
  sensors: Record<CameraKind, SensorModel>;
  offenders: Static<typeof Offenders>;
  hotlist: Static<typeof Hotlist>;
  units: Static<typeof Units>;
  thresholds: ScenarioInput['thresholds'];
}

function filled<T extends Parameters<typeof Value.Default>[0]>(
  schema: T,
  value: unknown,
): Static<T> {
  return Value.Default(schema, Value.Clone(value ?? {}));
}

/**
 * Fills defaults into a scenario that has passed schema validation. Times must be valid
 * (validation checks them); an invalid one here is a programming error.
 */
export function resolveScenario(input: ScenarioInput): ResolvedScenario {
  const s = Value.Default(Scenario, Value.Clone(input)) as ScenarioInput;
  const startMs = parseIsoUtc(s.window.start);
  if (startMs === null) throw new Error(`Unchecked scenario time ${s.window.start}`);
  const baseSensor = filled(SensorModel, {});
  const sensors = Object.fromEntries(
    CAMERA_KINDS.map((kind) => [
      kind,
      { ...baseSensor, ...SENSOR_DEFAULTS[kind], ...(s.sensors?.[kind] ?? {}) },
    ]),
  ) as Record<CameraKind, SensorModel>;
  return {
    name: s.name,
    description: s.description,
    network: s.network,
    seed: s.seed,
    startMs,
    endMs: startMs + s.window.durationHours * 3_600_000,
    day: s.window.day ?? dayTypeOf(startMs),
    dayOverride: s.window.day,
    traffic: filled(Traffic, s.traffic),
    cameras: filled(Cameras, s.cameras),
    rain: s.rain.map((r) => ({ fromMs: parseIsoUtc(r.from)!, toMs: parseIsoUtc(r.to)! })),
    sensors,
    offenders: filled(Offenders, s.offenders),
    hotlist: hotlistSettings(s.hotlist),
    units: filled(Units, s.units),
    thresholds: s.thresholds,
  };
}

/**
 * Shares a scenario names replace the default for those categories only; leaving a
 * category out keeps its default (set it to 0 to list none).
 */
function hotlistSettings(input: ScenarioInput['hotlist']): Static<typeof Hotlist> {
  const defaults = filled(Hotlist, {});
  const settings = filled(Hotlist, input);
  return { ...settings, shares: { ...defaults.shares, ...(input?.shares ?? {}) } };
}

function dayTypeOf(ms: number): DayType {
  const d = dayOfWeek(ms);
  return d === 0 ? 'sunday' : d === 6 ? 'saturday' : 'weekday';
}
