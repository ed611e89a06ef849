import type { Random } from '../random.js';

/**
 * The characters ANPR engines confuse, and the two ways a read goes wrong short of a
 * miss: a misread (a character swapped for a look-alike) and a partial read (one
 * character lost).
 */

/**
 * Look-alike groups; every member is confusable with every other, both ways. The
 * first eight are the common confusions in openalpr issues 502 and 281 and vendor
 * candidate lists; U/V, M/N, K/X, 7/T, 3/8 and 1/7 share most of their strokes in
 * the plate font and are our own additions.
 */
export const LOOK_ALIKES = '0ODQ 1I 8B 5S 2Z 6G EF HR UV MN KX 7T 38 17'.split(' ');

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';

/**
 * What may stand in each position of a mark. A current-format mark (`YK21ABC`) has a
 * memory tag that never uses I, Q or Z, two digits, and three letters that never use
 * I or Q (DVLA rules in DOMAIN.md); engines with a UK template emit only marks of
 * that shape.
 */
type Slot = 'any' | 'tag' | 'digit' | 'letter';

const ALPHABETS: Record<Exclude<Slot, 'any'>, string> = {
  tag: 'ABCDEFGHJKLMNOPRSTUVWXY',
  digit: DIGITS,
  letter: 'ABCDEFGHJKLMNOPRSTUVWXYZ',
};

const TAG: Slot = 'tag';
const DIGIT: Slot = 'digit';
const LETTER: Slot = 'letter';
const CURRENT_SLOTS = [TAG, TAG, DIGIT, DIGIT, LETTER, LETTER, LETTER] as const;

/** Share of misreads that get a second wrong character (our estimate). */
const SECOND_CHANGE_SHARE = 0.1;

/** How much likelier the end characters are to be cropped than inner ones. */
const END_CROP_WEIGHT = 3;

function confusionTable(slot: Slot): string[] {
  const table = Array.from({ length: 128 }, () => '');
  for (const group of LOOK_ALIKES) {
    for (const from of group) {
      const allowed = [...group].filter((to) => to !== from && fits(to, slot));
      table[from.charCodeAt(0)] += allowed.join('');
    }
  }
  return table;
}

function fits(char: string, slot: Slot): boolean {
  return slot === 'any' ? true : ALPHABETS[slot].includes(char);
}

/** Per slot, by character code: the look-alikes that may replace that character. */
const CONFUSIONS: Record<Slot, string[]> = {
  any: confusionTable('any'),
  tag: confusionTable('tag'),
  digit: confusionTable('digit'),
  letter: confusionTable('letter'),
};

/** True for a current-format mark: two letters, two digits, three letters. */
export function isCurrentFormat(vrm: string): boolean {
  return /^[A-Z]{2}[0-9]{2}[A-Z]{3}$/.test(vrm);
}

/** A mark being misread: its characters and what may stand in each position. */
class MarkEdit {
  private readonly chars: string[];
  private readonly template: readonly Slot[];

  constructor(
    vrm: string,
    private readonly random: Random,
  ) {
    this.chars = [...vrm];
    this.template = isCurrentFormat(vrm) ? CURRENT_SLOTS : [];
  }

  /** Changes one character, never at `skip`; returns the position changed. */
  changeOne(skip: number): number {
    const candidates: number[] = [];
    for (let i = 0; i < this.chars.length; i++) {
      if (i !== skip && this.lookAlikes(i) !== '') candidates.push(i);
    }
    if (candidates.length === 0) return this.substituteOne(skip);
    const at = this.random.pick(candidates);
    this.chars[at] = this.pickChar(this.lookAlikes(at));
    return at;
  }

  text(): string {
    return this.chars.join('');
  }

  private slot(i: number): Slot {
    return this.template[i] ?? 'any';
  }

  private lookAlikes(i: number): string {
    return CONFUSIONS[this.slot(i)][this.chars[i]!.charCodeAt(0)] ?? '';
  }

  /** The fallback when no look-alike fits: a plausible character of its kind. */
  private substituteOne(skip: number): number {
    const positions: number[] = [];
    for (let i = 0; i < this.chars.length; i++) {
      if (i !== skip && isAlnum(this.chars[i]!)) positions.push(i);
    }
    if (positions.length === 0) return -1;
    const at = this.random.pick(positions);
    this.chars[at] = this.pickChar(substitutes(this.chars[at]!, this.slot(at)));
    return at;
  }

  private pickChar(choices: string): string {
    return choices.charAt(this.random.int(choices.length));
  }
}

/** Any other character of the same kind that may stand in the position. */
function substitutes(char: string, slot: Slot): string {
  const sameKind = DIGITS.includes(char) ? DIGITS : LETTERS;
  return (slot === 'any' ? sameKind : ALPHABETS[slot]).replace(char, '');
}

function isAlnum(char: string): boolean {
  return LETTERS.includes(char) || DIGITS.includes(char);
}

/**
 * A misread of `vrm` (upper case, no spaces): one character swapped for a
 * look-alike, and occasionally a second. The result always differs from the input. A
 * current-format mark keeps its shape, so a 0 in the age identifier can only become
 * another digit.
 */
export function misread(vrm: string, random: Random): string {
  if (!/[A-Z0-9]/.test(vrm)) throw new RangeError(`Cannot misread "${vrm}"`);
  const edit = new MarkEdit(vrm, random);
  const first = edit.changeOne(-1);
  if (random.chance(SECOND_CHANGE_SHARE)) edit.changeOne(first);
  return edit.text();
}

/** A partial read: one character lost, more often at the ends, where plates crop. */
export function partialRead(vrm: string, random: Random): string {
  const n = vrm.length;
  if (n < 2) throw new RangeError(`Cannot drop a character from the mark "${vrm}"`);
  const x = random.int(n - 2 + 2 * END_CROP_WEIGHT);
  const inner = x - 2 * END_CROP_WEIGHT + 1;
  const at = x < END_CROP_WEIGHT ? 0 : x < 2 * END_CROP_WEIGHT ? n - 1 : inner;
  return vrm.slice(0, at) + vrm.slice(at + 1);
}

export type ReadError = 'none' | 'misread' | 'partial';

/**
 * Our estimate of engine confidence (0 to 1): correct reads mostly 0.85 to 0.99,
 * misreads and partial reads lower but overlapping, so that a hub cannot sort out
 * the errors by confidence alone.
 */
const CONFIDENCE: Record<ReadError, { mean: number; sd: number; min: number }> = {
  none: { mean: 0.93, sd: 0.035, min: 0.5 },
  misread: { mean: 0.8, sd: 0.08, min: 0.3 },
  partial: { mean: 0.7, sd: 0.1, min: 0.2 },
};

/**
 * Near-normal with mean 0 and sd 1, bounded at ±3: the sum of three uniforms
 * (Irwin-Hall), cheaper than a Box-Muller draw on this hot path, and tail-free.
 */
function bellCurve(random: Random): number {
  return (random.next() + random.next() + random.next() - 1.5) * 2;
}

export function confidenceFor(kind: ReadError, random: Random): number {
  const { mean, sd, min } = CONFIDENCE[kind];
  const value = Math.min(0.999, Math.max(min, mean + sd * bellCurve(random)));
  return Math.round(value * 1000) / 1000;
}
