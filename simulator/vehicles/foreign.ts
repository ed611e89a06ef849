import type { Random } from '../random.js';

/**
 * Marks of vehicles registered abroad, as a UK camera reports them (no spaces or
 * dashes). Each generator keeps to a shape no UK format takes, so `plateFormatOf`
 * calls them foreign. Limitation: only five countries, and Lithuanian and Romanian
 * marks, common on UK roads, are left out because their shapes collide with UK
 * dateless and prefix marks.
 */

export type ForeignCountry = 'IE' | 'PL' | 'NL' | 'DE' | 'FR';

export interface ForeignOptions {
  /** Only marks the country can never have issued. */
  safe?: boolean;
}

type Maker = (random: Random, safe: boolean) => string;

function letters(random: Random, alphabet: string, count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += alphabet[random.int(alphabet.length)]!;
  return text;
}

function digits(random: Random, min: number, max: number): string {
  return String(min + random.int(max - min + 1));
}

/**
 * Irish county codes (2013 scheme); Dublin listed thrice as it registers about a
 * third.
 */
// prettier-ignore
const IRISH_COUNTIES = [
  'D', 'D', 'D', 'C', 'CE', 'CN', 'CW', 'DL', 'G', 'KE', 'KK', 'KY', 'L', 'LD',
  'LH', 'LM', 'LS', 'MH', 'MN', 'MO', 'OY', 'RN', 'SO', 'T', 'W', 'WH', 'WW', 'WX',
];

/**
 * Irish `241-D-12345`: year, half year, county, serial. The three-digit year began
 * in 2013, so a safe mark takes a year from 02 to 12 in that shape, which never
 * existed.
 */
function irish(random: Random, safe: boolean): string {
  const year = safe ? 2 + random.int(11) : 13 + random.int(12);
  const half = 1 + random.int(2);
  const county = random.pick(IRISH_COUNTIES);
  const serial = digits(random, 1, county === 'D' ? 99_999 : 19_999);
  return String(year).padStart(2, '0') + String(half) + county + serial;
}

/**
 * Polish city districts (two-letter codes), e.g. WA Warsaw, KR Krakow, GD Gdansk.
 */
// prettier-ignore
const POLISH_DISTRICTS = [
  'WA', 'WI', 'WX', 'KR', 'PO', 'GD', 'DW', 'LU', 'EL', 'ZS', 'CB',
];

/** Polish `WA 12345`: a district code and five digits. No safe form is known. */
function polish(random: Random): string {
  return random.pick(POLISH_DISTRICTS) + digits(random, 10_000, 99_999);
}

/** Dutch series use no vowels, nor C or Q, so that no word is spelt. */
const DUTCH_LETTERS = 'BDFGHJKLNPRSTVXZ';

/**
 * Dutch sidecodes 7 to 9: `12-ABC-3`, `1-ABC-23`, `AB-123-C`. A safe mark puts a
 * vowel in the letters, which no Dutch series has used.
 */
function dutch(random: Random, safe: boolean): string {
  const group = safe ? 'A' + letters(random, DUTCH_LETTERS, 2) : letters(random, DUTCH_LETTERS, 3);
  switch (random.int(3)) {
    case 0:
      return digits(random, 10, 99) + group + digits(random, 1, 9);
    case 1:
      return digits(random, 1, 9) + group + digits(random, 10, 99);
    default:
      return group.slice(0, 2) + digits(random, 100, 999) + group.slice(2);
  }
}

/** Letters of the German serial; we leave out I, O and Q, which read as digits. */
const GERMAN_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/**
 * German districts with codes of two or three letters (e.g. HH Hamburg, DO
 * Dortmund).
 */
// prettier-ignore
const GERMAN_DISTRICTS = [
  'HH', 'HB', 'DO', 'MS', 'BI', 'KA', 'HD', 'WI', 'DD', 'HL', 'KS',
];

/**
 * German `HH AB 1234`: a district, two letters, up to four digits. Only districts
 * with two-letter codes are used, which keeps the shape apart from UK marks. No safe
 * form.
 */
function german(random: Random): string {
  const district = random.pick(GERMAN_DISTRICTS);
  return district + letters(random, GERMAN_LETTERS, 2) + digits(random, 1, 9999);
}

/** French SIV letters: never I, O or U. */
const FRENCH_LETTERS = 'ABCDEFGHJKLMNPQRSTVWXYZ';

/**
 * French `AB-123-CD` (SIV, since 2009); a safe mark puts an O, never issued, first.
 */
function french(random: Random, safe: boolean): string {
  const head = safe ? 'O' + letters(random, FRENCH_LETTERS, 1) : letters(random, FRENCH_LETTERS, 2);
  const number = digits(random, 1, 999).padStart(3, '0');
  return head + number + letters(random, FRENCH_LETTERS, 2);
}

/**
 * Our estimate of the mix of foreign cars on northern English roads: Polish most
 * common, then Irish, German, Dutch and French.
 */
interface CountryMaker {
  country: ForeignCountry;
  weight: number;
  make: Maker;
  safe: boolean;
}

const MAKERS: readonly CountryMaker[] = [
  { country: 'PL', weight: 0.3, make: polish, safe: false },
  { country: 'IE', weight: 0.2, make: irish, safe: true },
  { country: 'DE', weight: 0.2, make: german, safe: false },
  { country: 'NL', weight: 0.15, make: dutch, safe: true },
  { country: 'FR', weight: 0.15, make: french, safe: true },
];

const SAFE_MAKERS = MAKERS.filter((m) => m.safe);
const WEIGHTS = MAKERS.map((m) => m.weight);
const SAFE_WEIGHTS = SAFE_MAKERS.map((m) => m.weight);

/**
 * A foreign mark; with `safe`, only from countries where an impossible shape is
 * known.
 */
export function foreignMark(random: Random, options: ForeignOptions = {}): string {
  const safe = options.safe ?? false;
  const maker = safe
    ? SAFE_MAKERS[random.weighted(SAFE_WEIGHTS)]!
    : MAKERS[random.weighted(WEIGHTS)]!;
  return maker.make(random, safe);
}

/**
 * Whether a foreign mark is one of the impossible shapes `foreignMark` makes when
 * safe.
 */
export function isSafeForeignMark(vrm: string): boolean {
  if (/^(0[2-9]|1[0-2])[12][A-Z]{1,2}\d{1,5}$/.test(vrm)) return true;
  if (/^O[A-HJ-NP-TV-Z]\d{3}[A-HJ-NP-TV-Z]{2}$/.test(vrm)) return true;
  return /^(\d{2}A[B-Z]{2}\d|\dA[B-Z]{2}\d{2}|A[B-Z]\d{3}[B-Z])$/.test(vrm);
}
