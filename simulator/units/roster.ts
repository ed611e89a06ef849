import type { Network, UnitKind } from '../network/index.js';

/** A unit on duty and the base it starts from. */
export interface UnitSpec {
  unitId: string;
  callsign: string;
  kind: UnitKind;
  baseId: string;
  baseName: string;
  /** The graph node the base is tied to. */
  baseNode: number;
}

/** How many units of each kind are on duty: all those at the bases, or a number. */
export interface RosterSettings {
  roadCrime: UnitCount;
  response: UnitCount;
}

export type UnitCount = 'all' | number;

export interface Roster {
  /** The units on duty, in the order the bases list them. */
  units: UnitSpec[];
  /** What could not be met as asked, in words for the run's report. */
  notes: string[];
}

const KIND_WORDS: Record<UnitKind, string> = {
  'road-crime': 'road crime',
  response: 'response',
};

/**
 * The units on duty. A number takes units round robin over the bases in the order
 * the fixture lists them (the first unit of each base, then the second of each, and
 * so on), so a small roster is spread over the county rather than filled from the
 * first base. Asking for more units than the bases hold puts all of them on duty and
 * says so in the notes.
 */
export function rosterFor(network: Network, settings: RosterSettings): Roster {
  const notes: string[] = [];
  const all = everyUnit(network, notes);
  const chosen = new Set<UnitSpec>();
  const wanted: [UnitKind, UnitCount][] = [
    ['road-crime', settings.roadCrime],
    ['response', settings.response],
  ];
  for (const [kind, count] of wanted) {
    const ofKind = all.filter((u) => u.kind === kind);
    for (const unit of pick(ofKind, count, kind, notes)) chosen.add(unit);
  }
  return { units: all.filter((u) => chosen.has(u)), notes };
}

/** Every unit at the bases, in fixture order; a repeated unit id is left out. */
function everyUnit(network: Network, notes: string[]): UnitSpec[] {
  const seen = new Set<string>();
  const units: UnitSpec[] = [];
  network.fixture.bases.features.forEach((feature, i) => {
    const base = feature.properties;
    for (const unit of base.units) {
      if (seen.has(unit.id)) {
        notes.push(`Unit ${unit.id} is listed again at ${base.id}; its first base is used`);
        continue;
      }
      seen.add(unit.id);
      units.push({
        unitId: unit.id,
        callsign: unit.callsign,
        kind: unit.kind,
        baseId: base.id,
        baseName: base.name,
        baseNode: network.bases[i]!.node,
      });
    }
  });
  return units;
}

function pick(units: UnitSpec[], count: UnitCount, kind: UnitKind, notes: string[]) {
  const words = KIND_WORDS[kind];
  if (count === 'all') return units;
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`The ${words} unit count must be "all" or 0 or more; got ${count}`);
  }
  if (count > units.length) {
    notes.push(
      `${count} ${words} units were asked for but the bases hold ${units.length}; ` +
        'all of them are on duty',
    );
  }
  return roundRobin(units).slice(0, count);
}

/** Units reordered as the first of each base, then the second of each, and so on. */
function roundRobin(units: UnitSpec[]): UnitSpec[] {
  const rankInBase = new Map<string, number>();
  const ranked = units.map((unit, order) => {
    const rank = rankInBase.get(unit.baseId) ?? 0;
    rankInBase.set(unit.baseId, rank + 1);
    return { unit, rank, order };
  });
  ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return ranked.map((r) => r.unit);
}
