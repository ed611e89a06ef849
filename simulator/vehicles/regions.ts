/**
 * Memory tags of current-format marks (the `YK` in `YK71ABC`) and where vehicles get
 * them. The allocation is the DVLA's table of local memory tags (DVLA leaflet
 * INF104, as we recall it): the first letter names the region, the second the office
 * within it.
 */

/** Second letters of memory tags: never I, Q or Z. */
export const TAG_SECOND_LETTERS = 'ABCDEFGHJKLMNOPRSTUVWXY';

interface Office {
  name: string;
  /** The first and last second letters the office issues, inclusive. */
  from: string;
  to: string;
}

const o = (name: string, from: string, to: string): Office => ({ name, from, to });

/** Every region's offices together cover second letters A to Y. */
const OFFICES: Readonly<Record<string, readonly Office[]>> = {
  A: [o('Peterborough', 'A', 'N'), o('Norwich', 'O', 'U'), o('Ipswich', 'V', 'Y')],
  B: [o('Birmingham', 'A', 'Y')],
  C: [o('Cardiff', 'A', 'O'), o('Swansea', 'P', 'V'), o('Bangor', 'W', 'Y')],
  D: [o('Chester', 'A', 'K'), o('Shrewsbury', 'L', 'Y')],
  E: [o('Chelmsford', 'A', 'Y')],
  F: [o('Nottingham', 'A', 'P'), o('Lincoln', 'R', 'Y')],
  G: [o('Maidstone', 'A', 'O'), o('Brighton', 'P', 'Y')],
  H: [o('Bournemouth', 'A', 'J'), o('Portsmouth', 'K', 'Y')],
  K: [o('Luton', 'A', 'L'), o('Northampton', 'M', 'Y')],
  L: [o('Wimbledon', 'A', 'J'), o('Stanmore', 'K', 'T'), o('Sidcup', 'U', 'Y')],
  M: [o('Manchester', 'A', 'Y')],
  N: [o('Newcastle', 'A', 'O'), o('Stockton', 'P', 'Y')],
  O: [o('Oxford', 'A', 'Y')],
  P: [o('Preston', 'A', 'T'), o('Carlisle', 'U', 'Y')],
  R: [o('Reading', 'A', 'Y')],
  S: [
    o('Glasgow', 'A', 'J'),
    o('Edinburgh', 'K', 'O'),
    o('Dundee', 'P', 'T'),
    o('Aberdeen', 'U', 'W'),
    o('Inverness', 'X', 'Y'),
  ],
  V: [o('Worcester', 'A', 'Y')],
  W: [o('Exeter', 'A', 'J'), o('Truro', 'K', 'L'), o('Bristol', 'M', 'Y')],
  Y: [o('Leeds', 'A', 'K'), o('Sheffield', 'L', 'U'), o('Beverley', 'V', 'Y')],
};

/** First letters of memory tags in use. */
export const REGION_LETTERS = Object.keys(OFFICES).join('');

export function isMemoryTag(tag: string): boolean {
  if (tag.length !== 2) return false;
  return REGION_LETTERS.includes(tag[0]!) && TAG_SECOND_LETTERS.includes(tag[1]!);
}

/**
 * The DVLA office a memory tag belongs to, e.g. `Leeds` for `YK`; null if not a tag.
 */
export function officeOfMemoryTag(tag: string): string | null {
  if (!isMemoryTag(tag)) return null;
  const second = tag[1]!;
  const office = OFFICES[tag[0]!]!.find((f) => second >= f.from && second <= f.to);
  return office?.name ?? null;
}

export interface RegionWeight {
  /** A region letter, e.g. `Y`. */
  region: string;
  weight: number;
}

/**
 * Our estimate of the marks a place's vehicles carry. A mark comes from where the
 * dealer is, not where the keeper lives, and fleet and lease vehicles are registered
 * wherever the leasing company deals, so every place keeps some of every region:
 * most of all Manchester and London, then Birmingham and the south-east's leasing
 * hubs.
 */
// prettier-ignore
const FLEET_SPREAD: Readonly<Record<string, number>> = {
  M: 0.035, L: 0.035, B: 0.015, R: 0.01, K: 0.01, F: 0.01, S: 0.01,
  A: 0.0025, C: 0.0025, D: 0.0025, E: 0.0025, G: 0.0025, H: 0.0025, O: 0.0025,
  V: 0.0025, W: 0.0025,
};

// prettier-ignore
const YORKSHIRE = new Set([
  'North Yorkshire', 'York', 'Leeds', 'Bradford', 'Wakefield', 'Kirklees',
  'Calderdale', 'Sheffield', 'Doncaster', 'Rotherham', 'Barnsley',
  'East Riding of Yorkshire', 'Kingston upon Hull, City of', 'West Yorkshire',
  'South Yorkshire', 'East Riding',
]);

// prettier-ignore
const NORTH_EAST = new Set([
  'Middlesbrough', 'Stockton-on-Tees', 'Redcar and Cleveland', 'Hartlepool',
  'Darlington', 'County Durham', 'Teesside', 'Tyne and Wear', 'Newcastle upon Tyne',
  'Gateshead', 'Sunderland', 'Northumberland',
]);

// prettier-ignore
const NORTH_WEST = new Set([
  'Lancashire', 'Westmorland and Furness', 'Cumberland', 'Cumbria', 'Blackpool',
  'Blackburn with Darwen',
]);

/**
 * Where a place's vehicles get their marks, by its area (county or unitary
 * authority, as in the network's places and gateways) and latitude. North Yorkshire
 * shifts from Y towards N going north, as Teesside's dealers get nearer. An unknown
 * area falls back on latitude. Limitation: within a region every office's tags are
 * equally likely (a Sheffield car is as likely to be YA as YL), and the west of the
 * county, nearer Lancashire, gets no extra P since only latitude is known.
 */
export function memoryRegionFor(area: string, lat: number): readonly RegionWeight[] {
  return normalise({ ...FLEET_SPREAD }, homeShares(area, lat));
}

function homeShares(area: string, lat: number): Record<string, number> {
  if (area === 'North Yorkshire') {
    const north = 0.32 * Math.min(1, Math.max(0, (lat - 54.2) / 0.3));
    return { Y: 0.8 - north, N: 0.03 + north, P: 0.02 };
  }
  if (YORKSHIRE.has(area)) return { Y: 0.8, N: 0.03, P: 0.02 };
  if (NORTH_EAST.has(area)) return { N: 0.8, Y: 0.05 };
  if (NORTH_WEST.has(area)) return { P: 0.7, M: 0.1, N: 0.03, Y: 0.02 };
  if (area === 'Greater Manchester' || area === 'Merseyside') return { M: 0.85 };
  return lat >= 54.45 ? { N: 0.8, Y: 0.05 } : { Y: 0.8, N: 0.03, P: 0.02 };
}

function normalise(
  base: Record<string, number>,
  home: Record<string, number>,
): readonly RegionWeight[] {
  for (const [region, share] of Object.entries(home)) {
    base[region] = (base[region] ?? 0) + share;
  }
  const total = Object.values(base).reduce((sum, w) => sum + w, 0);
  return Object.entries(base)
    .map(([region, weight]) => ({ region, weight: weight / total }))
    .sort((a, b) => b.weight - a.weight || (a.region < b.region ? -1 : 1));
}
