import { TestbedError } from '../errors.js';
import type { Random } from '../random.js';
import type { PlateFormat, Vehicle, VehicleType } from '../world/types.js';
import { draftVehicle, drawContext, emptyDraft, PLATE_FORMATS, redrawMark } from './draw.js';
import { MarkIndex } from './mark-index.js';
import { MAKES, VEHICLE_COLOURS, VEHICLE_MODELS } from './models.js';
import { validateRegistryOptions, type RegistryOptions } from './options.js';

export type { RegistryOptions, RegistryZone } from './options.js';

/** The registry's storage: one entry per vehicle in each column. */
export interface RegistryColumns {
  marks: readonly string[];
  model: Uint8Array;
  colour: Uint8Array;
  zone: Uint16Array;
  format: Uint8Array;
  index: MarkIndex;
  zoneCount: number;
  redraws: number;
}

/** Ids grouped by a key: key k's ids run from `start[k]` to `start[k + 1]`. */
interface Grouping {
  start: Int32Array;
  ids: Int32Array;
}

const MAKE_OF_MODEL = Uint8Array.from(VEHICLE_MODELS, (m) => MAKES.indexOf(m.make));

/**
 * The registered vehicles of a run, stored as columns rather than objects: two
 * million take about 90 MB, and 130 MB once the indexes by make and by zone, built
 * on first use, exist.
 */
export class Registry {
  readonly size: number;
  /** Marks drawn again because another vehicle already held them. */
  readonly redraws: number;
  private byMake: Grouping | null = null;
  private byZone: Grouping | null = null;
  private readonly zoneLists = new Map<number, readonly number[]>();

  constructor(private readonly columns: RegistryColumns) {
    this.size = columns.marks.length;
    this.redraws = columns.redraws;
  }

  get(id: number): Vehicle {
    this.check(id);
    const model = VEHICLE_MODELS[this.columns.model[id]!]!;
    return {
      id,
      vrm: this.columns.marks[id]!,
      format: this.formatOf(id),
      make: model.make,
      model: model.model,
      colour: VEHICLE_COLOURS[this.columns.colour[id]!]!.name,
      type: model.type,
      homeZone: this.columns.zone[id]!,
    };
  }

  vrmOf(id: number): string {
    this.check(id);
    return this.columns.marks[id]!;
  }

  homeZoneOf(id: number): number {
    this.check(id);
    return this.columns.zone[id]!;
  }

  typeOf(id: number): VehicleType {
    this.check(id);
    return VEHICLE_MODELS[this.columns.model[id]!]!.type;
  }

  formatOf(id: number): PlateFormat {
    this.check(id);
    return PLATE_FORMATS[this.columns.format[id]!]!;
  }

  /** The id of the vehicle registered under a mark (upper case, no spaces). */
  idOf(vrm: string): number | undefined {
    return this.columns.index.find(vrm);
  }

  /**
   * A vehicle of the given make other than `excludeId`, on a UK mark, as the
   * innocent donor of a cloned plate; null if there is none. Draws once from
   * `random`.
   */
  vehiclesOfMakeSample(make: string, random: Random, excludeId: number): number | null {
    const makeIndex = MAKES.indexOf(make);
    if (makeIndex < 0) return null;
    this.byMake ??= this.groupByMake();
    const from = this.byMake.start[makeIndex]!;
    const count = this.byMake.start[makeIndex + 1]! - from;
    if (count === 0) return null;
    const pick = random.int(count);
    const id = this.byMake.ids[from + pick]!;
    if (id !== excludeId) return id;
    return count === 1 ? null : this.byMake.ids[from + ((pick + 1) % count)]!;
  }

  /** The ids of the vehicles kept at a zone, in id order. */
  vehiclesAtZone(zone: number): readonly number[] {
    const cached = this.zoneLists.get(zone);
    if (cached) return cached;
    const { zoneCount } = this.columns;
    if (!(Number.isInteger(zone) && zone >= 0 && zone < zoneCount)) return [];
    this.byZone ??= group(this.size, zoneCount, (id) => this.columns.zone[id]!);
    const { start, ids } = this.byZone;
    const list = Array.from(ids.subarray(start[zone], start[zone + 1]));
    this.zoneLists.set(zone, list);
    return list;
  }

  private groupByMake(): Grouping {
    const foreign = PLATE_FORMATS.indexOf('foreign');
    return group(this.size, MAKES.length, (id) =>
      this.columns.format[id] === foreign ? -1 : MAKE_OF_MODEL[this.columns.model[id]!]!,
    );
  }

  private check(id: number): void {
    if (!(Number.isInteger(id) && id >= 0 && id < this.size)) {
      const last = this.size - 1;
      throw new RangeError(`Expected a vehicle id from 0 to ${last}, got ${id}`);
    }
  }
}

/** A counting sort of ids by key; ids whose key is -1 are left out. */
function group(size: number, keys: number, keyOf: (id: number) => number): Grouping {
  const start = new Int32Array(keys + 1);
  for (let id = 0; id < size; id++) {
    const key = keyOf(id);
    if (key >= 0) start[key + 1]!++;
  }
  for (let k = 0; k < keys; k++) start[k + 1]! += start[k]!;
  const next = start.slice(0, keys);
  const ids = new Int32Array(start[keys]!);
  for (let id = 0; id < size; id++) {
    const key = keyOf(id);
    if (key >= 0) ids[next[key]!++] = id;
  }
  return { start, ids };
}

const FORMAT_CODES = Object.fromEntries(
  PLATE_FORMATS.map((format, code) => [format, code]),
) as Record<PlateFormat, number>;

/**
 * Redraws per vehicle before giving up: reached only when the mark space is
 * exhausted.
 */
const MAX_ATTEMPTS = 1000;

/**
 * Builds the registry. Vehicle i is drawn from `streamFor(seed, 'registry', i)`
 * alone and so is the same whatever the size, except that a mark already held by a
 * lower id is redrawn from `streamFor(seed, 'registry', i, attempt)`. Current marks
 * are placed so that this does not happen below 2.5 million vehicles (serial.ts);
 * older and foreign marks are drawn at random from spaces large enough that it is
 * rare (see `redraws`).
 */
export function buildRegistry(options: RegistryOptions): Registry {
  validateRegistryOptions(options);
  const ctx = drawContext(options);
  const { size } = options;
  const marks = new Array<string>(size);
  const index = new MarkIndex(marks, size);
  const columns: RegistryColumns = {
    marks,
    model: new Uint8Array(size),
    colour: new Uint8Array(size),
    zone: new Uint16Array(size),
    format: new Uint8Array(size),
    index,
    zoneCount: options.zones.length,
    redraws: 0,
  };
  const draft = emptyDraft();
  for (let id = 0; id < size; id++) {
    draftVehicle(ctx, id, draft);
    let mark = draft.mark;
    for (let attempt = 1; !index.insert(mark, id); attempt++) {
      if (attempt > MAX_ATTEMPTS) throw exhausted(size);
      mark = redrawMark(ctx, draft, id, attempt);
      columns.redraws++;
    }
    marks[id] = mark;
    columns.model[id] = draft.model;
    columns.colour[id] = draft.colour;
    columns.zone[id] = draft.zone;
    columns.format[id] = FORMAT_CODES[draft.format];
  }
  return new Registry(columns);
}

function exhausted(size: number): TestbedError {
  return new TestbedError('ATB_VEHICLES_OPTION_INVALID', {
    name: 'size',
    expected: 'a registry small enough to give every vehicle its own mark',
    value: String(size),
  });
}
