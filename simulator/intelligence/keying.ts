import type { Random } from '../random.js';

/**
 * Keying errors: the mark a person types or copies from a handwritten report with
 * one character wrong. Half come from look-alike characters (the confusions in
 * DOMAIN.md: 0/O/D/Q, 1/I, 8/B, 5/S, 2/Z, 6/G, E/F, H/R), half from a neighbouring
 * key on the same row of a QWERTY keyboard.
 */

const LOOK_ALIKE_GROUPS = ['0ODQ', '1I', '8B', '5S', '2Z', '6G', 'EF', 'HR'];

const KEY_ROWS = ['1234567890', 'QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];

const ANY = 'ABCDEFGHJKLMNOPRSTUVWXYZ0123456789';

function lookAlikes(char: string): string[] {
  const group = LOOK_ALIKE_GROUPS.find((g) => g.includes(char)) ?? '';
  return [...group].filter((c) => c !== char);
}

function keyNeighbours(char: string): string[] {
  for (const row of KEY_ROWS) {
    const at = row.indexOf(char);
    if (at >= 0) return [row[at - 1], row[at + 1]].filter((c) => c !== undefined);
  }
  return [];
}

/** A character to type in place of `char`; never `char` itself. */
export function mistypedChar(char: string, random: Random): string {
  const similar = lookAlikes(char);
  const near = keyNeighbours(char);
  if (similar.length > 0 && (near.length === 0 || random.chance(0.5))) {
    return random.pick(similar);
  }
  if (near.length > 0) return random.pick(near);
  return random.pick([...ANY].filter((c) => c !== char));
}

/**
 * The mark with exactly one character replaced. The result may be another vehicle's
 * mark or no issued mark at all, as a real keying error may be.
 */
export function mistypedMark(vrm: string, random: Random): string {
  if (vrm.length === 0) throw new RangeError('Cannot mistype an empty mark');
  const at = random.int(vrm.length);
  return vrm.slice(0, at) + mistypedChar(vrm[at]!, random) + vrm.slice(at + 1);
}
