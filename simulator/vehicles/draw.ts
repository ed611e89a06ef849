import { AliasTable, streamFor, type Random } from '../random.js';
import type { PlateFormat } from '../world/types.js';
import { ageTableAt, type AgeTable } from './ages.js';
import { foreignMark } from './foreign.js';
import { isCommercial, VEHICLE_COLOURS, VEHICLE_MODELS } from './models.js';
import type { RegistryOptions } from './options.js';
import {
  composeCurrent,
  currentMark,
  datelessMark,
  northernIrelandMark,
  prefixMark,
  suffixMark,
} from './plates.js';
import { memoryRegionFor } from './regions.js';
import { ageUnitOf, serialOf } from './serial.js';

/**
 * Drawing one registry vehicle from its own stream,
 * `streamFor(seed, 'registry', id)`, so that a vehicle is the same whatever else
 * the registry holds.
 */

type OtherFormat = Exclude<PlateFormat, 'current'>;

export const PLATE_FORMATS: readonly PlateFormat[] = [
  'current',
  'prefix',
  'suffix',
  'dateless',
  'northern-ireland',
  'foreign',
];

interface OlderShare {
  format: OtherFormat;
  weight: number;
  safeWeight: number;
}

/**
 * Our estimate of the mix of older marks: cherished prefix marks lead. Safe runs
 * have no dateless or Northern Ireland marks, every short one of which has been
 * issued, so their share goes to prefix and suffix marks with year letters never
 * used.
 */
const OLDER_MIX: readonly OlderShare[] = [
  { format: 'prefix', weight: 0.5, safeWeight: 0.8 },
  { format: 'suffix', weight: 0.1, safeWeight: 0.2 },
  { format: 'dateless', weight: 0.3, safeWeight: 0 },
  { format: 'northern-ireland', weight: 0.1, safeWeight: 0 },
];

interface Weighted {
  /** Row indices into a table (models, colours, region letters). */
  items: readonly number[];
  table: AliasTable;
}

function weighted<T>(rows: readonly T[], weightOf: (row: T) => number): Weighted {
  const items = rows.map((_, i) => i).filter((i) => weightOf(rows[i]!) > 0);
  return { items, table: new AliasTable(items.map((i) => weightOf(rows[i]!))) };
}

function drawFrom(w: Weighted, random: Random): number {
  return w.items[w.table.draw(random)]!;
}

export interface DrawContext {
  options: RegistryOptions;
  ages: AgeTable;
  zones: AliasTable;
  /** Per zone: region letters and their weights. */
  regions: readonly { letters: readonly string[]; table: AliasTable }[];
  hgvModels: Weighted;
  otherModels: Weighted;
  carColours: Weighted;
  commercialColours: Weighted;
  older: Weighted;
}

export function drawContext(options: RegistryOptions): DrawContext {
  const safe = options.safePlates;
  return {
    options,
    ages: ageTableAt(options.atMs, safe),
    zones: new AliasTable(options.zones.map((z) => z.weight)),
    regions: options.zones.map((zone) => {
      const weights = memoryRegionFor(zone.region, zone.lat ?? 54);
      const letters = weights.map((w) => w.region);
      return { letters, table: new AliasTable(weights.map((w) => w.weight)) };
    }),
    hgvModels: weighted(VEHICLE_MODELS, (m) => (m.type === 'hgv' ? m.weight : 0)),
    otherModels: weighted(VEHICLE_MODELS, (m) => (m.type === 'hgv' ? 0 : m.weight)),
    carColours: weighted(VEHICLE_COLOURS, (c) => c.carShare),
    commercialColours: weighted(VEHICLE_COLOURS, (c) => c.commercialShare),
    older: weighted(OLDER_MIX, (o) => (safe ? o.safeWeight : o.weight)),
  };
}

export interface VehicleDraft {
  zone: number;
  model: number;
  colour: number;
  format: PlateFormat;
  /** The region letter of a current mark; empty for other formats. */
  region: string;
  mark: string;
}

export function emptyDraft(): VehicleDraft {
  return { zone: 0, model: 0, colour: 0, format: 'current', region: '', mark: '' };
}

/**
 * Draws vehicle `id` into `draft`, which the caller reuses to spare the collector.
 * Limitation: model and age identifier are drawn apart, so a model may carry a mark
 * from before it was made, and foreign vehicles are no likelier to be goods vehicles.
 */
export function draftVehicle(ctx: DrawContext, id: number, draft: VehicleDraft): void {
  const { options } = ctx;
  const random = streamFor(options.seed, 'registry', id);
  draft.zone = ctx.zones.draw(random);
  const factor = options.zones[draft.zone]?.hgvFactor ?? 1;
  const hgv = random.chance(Math.min(1, options.hgvShare * factor));
  draft.model = drawFrom(hgv ? ctx.hgvModels : ctx.otherModels, random);
  const commercial = isCommercial(VEHICLE_MODELS[draft.model]!.type);
  const colours = commercial ? ctx.commercialColours : ctx.carColours;
  draft.colour = drawFrom(colours, random);
  const format = drawFormat(ctx, random);
  draft.format = format;
  draft.region = '';
  if (format !== 'current') {
    draft.mark = otherMark(format, random, ctx);
    return;
  }
  const regions = ctx.regions[draft.zone]!;
  draft.region = regions.letters[regions.table.draw(random)]!;
  const age = ctx.ages.ageForUnit(ageUnitOf(options.seed, id));
  draft.mark = composeCurrent(draft.region, serialOf(options.seed, id), age);
}

function drawFormat(ctx: DrawContext, random: Random): PlateFormat {
  const { foreignShare, olderPlateShare } = ctx.options;
  const u = random.next();
  if (u < foreignShare) return 'foreign';
  if (u >= foreignShare + olderPlateShare) return 'current';
  return OLDER_MIX[drawFrom(ctx.older, random)]!.format;
}

function otherMark(format: OtherFormat, random: Random, ctx: DrawContext): string {
  const safe = ctx.options.safePlates;
  switch (format) {
    case 'prefix':
      return prefixMark(random, { safe });
    case 'suffix':
      return suffixMark(random, { safe });
    case 'dateless':
      return datelessMark(random);
    case 'northern-ireland':
      return northernIrelandMark(random);
    case 'foreign':
      return foreignMark(random, { safe });
  }
}

/**
 * Another mark of the same format and region after a collision, from the stream
 * `streamFor(seed, 'registry', id, attempt)`.
 */
export function redrawMark(
  ctx: DrawContext,
  draft: VehicleDraft,
  id: number,
  attempt: number,
): string {
  const { seed, atMs, safePlates } = ctx.options;
  const random = streamFor(seed, 'registry', id, attempt);
  if (draft.format !== 'current') return otherMark(draft.format, random, ctx);
  return currentMark(random, draft.region, atMs, { safe: safePlates });
}
