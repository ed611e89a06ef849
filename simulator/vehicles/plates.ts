import type { Random } from '../random.js';
import type { PlateFormat } from '../world/types.js';
import { ageTableAt, isIssuedAge, isSafeAge } from './ages.js';
import { isSafeForeignMark } from './foreign.js';
import { isMemoryTag, REGION_LETTERS, TAG_SECOND_LETTERS } from './regions.js';

/**
 * UK registration marks, upper case without spaces, by the DVLA's rules (INF104).
 * Safe marks are marks that cannot have been issued, for runs against a hub that may
 * be linked to live national lists.
 */

/** Random letters of a current mark: never I or Q (Z is allowed). */
export const RANDOM_LETTERS = 'ABCDEFGHJKLMNOPRSTUVWXYZ';

/** Letters of older serials and dateless marks in Great Britain: no I, Q or Z. */
const SERIES_LETTERS = 'ABCDEFGHJKLMNOPRSTUVWXY';

/** Year letters of prefix (1983 to 2001) and suffix (1963 to 1983) marks. */
const AGE_LETTERS = 'ABCDEFGHJKLMNPRSTVWXY';

/**
 * Year letters never used for prefix or suffix marks. Q is not among them: Q
 * prefixes go on vehicles of unknown age.
 */
const UNUSED_AGE_LETTERS = 'IOUZ';

const LETTERS_CUBED = 24 ** 3;

/** Distinct combinations of tag second letter and random letters. */
export const CURRENT_SERIALS = TAG_SECOND_LETTERS.length * LETTERS_CUBED;

export interface MarkOptions {
  /** Only marks that cannot have been issued (see `isSafeMark`). */
  safe: boolean;
}

const code = (alphabet: string, i: number): number => alphabet.charCodeAt(i);

/**
 * A current-format mark from a serial in [0, CURRENT_SERIALS), which picks the tag's
 * second letter and the three random letters, so distinct serials give distinct
 * marks. Built in one allocation, as a registry makes millions.
 */
export function composeCurrent(region: string, serial: number, age: number): string {
  const rest = serial % LETTERS_CUBED;
  return String.fromCharCode(
    region.charCodeAt(0),
    code(TAG_SECOND_LETTERS, Math.floor(serial / LETTERS_CUBED)),
    48 + Math.floor(age / 10),
    48 + (age % 10),
    code(RANDOM_LETTERS, Math.floor(rest / 576)),
    code(RANDOM_LETTERS, Math.floor(rest / 24) % 24),
    code(RANDOM_LETTERS, rest % 24),
  );
}

/**
 * A current-format mark (`YK71ABC`) of a region letter. Issued ages are weighted as
 * the vehicle parc is (see ages.ts); safe ones are uniform over the unissued
 * identifiers. Limitation: combinations the DVLA withholds as offensive are not
 * excluded.
 */
export function currentMark(
  random: Random,
  region: string,
  atMs: number,
  options: MarkOptions,
): string {
  if (region.length !== 1 || !REGION_LETTERS.includes(region)) {
    throw new RangeError(`Expected a memory tag region letter, got "${region}"`);
  }
  const age = ageTableAt(atMs, options.safe).draw(random);
  return composeCurrent(region, random.int(CURRENT_SERIALS), age);
}

function letters(random: Random, alphabet: string, count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += alphabet[random.int(alphabet.length)]!;
  return text;
}

function ageLetter(random: Random, options: MarkOptions): string {
  return letters(random, options.safe ? UNUSED_AGE_LETTERS : AGE_LETTERS, 1);
}

/**
 * A prefix mark, e.g. `A123BCD`; safe ones use a year letter that was never issued.
 */
export function prefixMark(random: Random, options: MarkOptions): string {
  const age = ageLetter(random, options);
  return age + String(1 + random.int(999)) + letters(random, SERIES_LETTERS, 3);
}

/**
 * A suffix mark, e.g. `ABC123D`; safe ones use a year letter that was never issued.
 */
export function suffixMark(random: Random, options: MarkOptions): string {
  const serial = letters(random, SERIES_LETTERS, 3) + String(1 + random.int(999));
  return serial + ageLetter(random, options);
}

/**
 * Our estimate of how many letters and digits dateless marks on the road have: short
 * ones are few and valuable, and three letters never came with four digits in Great
 * Britain.
 */
const DATELESS_LETTER_COUNTS = [0.15, 0.35, 0.5];
const DATELESS_DIGIT_COUNTS = [
  [0.1, 0.2, 0.4, 0.3],
  [0.1, 0.2, 0.4, 0.3],
  [0.1, 0.3, 0.6],
];

/**
 * A dateless or cherished mark: up to three letters and up to four digits in either
 * order (`AB1234`, `ABC12`, `12ABC`), never more than six characters. Every such
 * short mark has been issued, so none is safe.
 */
export function datelessMark(random: Random): string {
  const letterCount = 1 + random.weighted(DATELESS_LETTER_COUNTS);
  const digitCount = 1 + random.weighted(DATELESS_DIGIT_COUNTS[letterCount - 1]!);
  const text = letters(random, SERIES_LETTERS, letterCount);
  const number = String(1 + random.int(10 ** digitCount - 1));
  return random.chance(0.75) ? text + number : number + text;
}

/**
 * Two-letter codes of Northern Ireland's counties and towns: each holds an I or a Z,
 * which is what sets them apart from marks issued in Great Britain.
 */
// prettier-ignore
const NI_CODES = [
  'AZ', 'BZ', 'CZ', 'DZ', 'EZ', 'FZ', 'GZ', 'HZ', 'IA', 'IB', 'IG', 'IJ', 'IL',
  'IW', 'JI', 'JZ', 'KZ', 'LZ', 'MZ', 'NZ', 'OI', 'OZ', 'PZ', 'RZ', 'SZ', 'TZ',
  'UI', 'UZ', 'VZ', 'WZ', 'XI', 'XZ', 'YZ',
] as const;

/** A Northern Ireland mark, e.g. `ABZ1234`; still issued there, so none is safe. */
export function northernIrelandMark(random: Random): string {
  const district = NI_CODES[random.int(NI_CODES.length)]!;
  return letters(random, SERIES_LETTERS, 1) + district + String(1 + random.int(9999));
}

const CURRENT = /^([A-Z]{2})(\d{2})([A-Z]{3})$/;
const PREFIX = /^([A-Z])(\d{1,3})([A-Z]{3})$/;
const SUFFIX = /^([A-Z]{3})(\d{1,3})([A-Z])$/;
const LETTERS_DIGITS = /^([A-Z]{1,3})(\d{1,4})$/;
const DIGITS_LETTERS = /^(\d{1,4})([A-Z]{1,3})$/;

const allIn = (text: string, alphabet: string): boolean =>
  [...text].every((c) => alphabet.includes(c));

/** Well-formed current mark letters: an allocated memory tag, then no I or Q. */
function currentParts(vrm: string): { age: number } | null {
  const match = CURRENT.exec(vrm);
  if (!match || !isMemoryTag(match[1]!)) return null;
  if (!allIn(match[3]!, RANDOM_LETTERS)) return null;
  return { age: Number(match[2]) };
}

/**
 * A current-format mark by the letter rules whose age identifier was issued by
 * `atMs`.
 */
export function isValidCurrentMark(vrm: string, atMs: number): boolean {
  const parts = currentParts(vrm);
  return parts !== null && isIssuedAge(parts.age, atMs);
}

/**
 * A well-formed mark of a series not issued by `atMs`: a current mark with a safe
 * age identifier (ages.ts), a prefix or suffix mark with a year letter never used,
 * or one of the impossible foreign shapes `foreignMark` makes when safe.
 */
export function isSafeMark(vrm: string, atMs: number): boolean {
  const current = currentParts(vrm);
  if (current) return isSafeAge(current.age, atMs);
  const prefix = PREFIX.exec(vrm);
  if (prefix) return neverIssued(prefix[1]!, prefix[3]!);
  const suffix = SUFFIX.exec(vrm);
  if (suffix) return neverIssued(suffix[3]!, suffix[1]!);
  return isSafeForeignMark(vrm);
}

function neverIssued(yearLetter: string, serialLetters: string): boolean {
  if (!UNUSED_AGE_LETTERS.includes(yearLetter)) return false;
  return allIn(serialLetters, SERIES_LETTERS);
}

/**
 * Which format a mark looks like, best effort: letters with an I or Z next to digits
 * read as Northern Irish, and anything no UK pattern fits as foreign. Null for an
 * empty string or one with characters other than letters and digits (after removing
 * spaces).
 */
export function plateFormatOf(vrm: string): PlateFormat | null {
  const text = vrm.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z0-9]+$/.test(text)) return null;
  if (CURRENT.test(text)) return 'current';
  if (PREFIX.test(text)) return 'prefix';
  if (SUFFIX.test(text)) return 'suffix';
  const dateless = LETTERS_DIGITS.exec(text) ?? DIGITS_LETTERS.exec(text);
  if (!dateless) return 'foreign';
  const letterPart = /[A-Z]+/.exec(text)![0];
  return /[IZ]/.test(letterPart) ? 'northern-ireland' : 'dateless';
}
