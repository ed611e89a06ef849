import { LOOK_ALIKES } from '../simulator/sensors/confusions.js';

/**
 * Look-alike folding for matching reads against marks. The sensor model's groups
 * overlap (3 is like 8, 8 is like B), so folding joins them into classes: two marks
 * fold to the same key when every character differs from its counterpart only within
 * a class. The classes are wider than the direct look-alikes (3 and B share a class
 * without being look-alikes), so a folded match is then priced by `differenceCost`.
 */

const CODES = 128;

/**
 * For each character code, the representative of its class (itself when it has
 * none).
 */
const FOLD: readonly string[] = buildFold();

/**
 * 1 for two characters in one look-alike group, 2 for the same class but no group.
 */
const DIRECT = buildDirect();

function buildFold(): string[] {
  const parent = Array.from({ length: CODES }, (_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i]!;
    return i;
  };
  for (const group of LOOK_ALIKES) {
    const first = root(group.charCodeAt(0));
    for (const char of group) parent[root(char.charCodeAt(0))] = first;
  }
  return parent.map((_, i) => String.fromCharCode(root(i)));
}

function buildDirect(): Uint8Array {
  const direct = new Uint8Array(CODES * CODES);
  for (const group of LOOK_ALIKES) {
    for (const a of group) {
      for (const b of group) direct[a.charCodeAt(0) * CODES + b.charCodeAt(0)] = 1;
    }
  }
  return direct;
}

/** The mark with every character replaced by its class representative. */
export function foldMark(vrm: string): string {
  let key = '';
  for (let i = 0; i < vrm.length; i++) {
    const code = vrm.charCodeAt(i);
    key += code < CODES ? FOLD[code]! : vrm[i]!;
  }
  return key;
}

/**
 * How far apart two marks of equal length and equal folded key are: 1 for each
 * position holding direct look-alikes, 2 for each holding characters of one class
 * that are not.
 */
export function differenceCost(a: string, b: string): number {
  let cost = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    cost += x < CODES && y < CODES && DIRECT[x * CODES + y] === 1 ? 1 : 2;
  }
  return cost;
}

/**
 * The mark with the character at `at` taken out: what a partial read of it may look
 * like.
 */
export function withoutChar(vrm: string, at: number): string {
  return vrm.slice(0, at) + vrm.slice(at + 1);
}
