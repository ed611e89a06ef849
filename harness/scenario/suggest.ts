/**
 * "Did you mean" hints for names a scenario gets wrong: places, camera ids,
 * categories. Names are compared without regard to case, as `findPlace` compares
 * them.
 */

/**
 * Edit distance counting an insertion, a deletion, a substitution or a swap of two
 * neighbouring characters as one edit (optimal string alignment), so that "strat" is
 * one edit from "start", as a typist would count it.
 */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const change = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + change);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, before[j - 2]! + 1);
      }
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidate closest to `wanted`, or undefined when none is close enough to be
 * what was meant. A third of the name may be wrong; a name that is the start of
 * exactly one candidate ("Pateley" for "Pateley Bridge") also counts, however much
 * is missing.
 */
export function closestMatch(wanted: string, candidates: readonly string[]): string | undefined {
  const key = wanted.trim().toLowerCase();
  if (key === '') return undefined;
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(key.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(key, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best ?? onlyStartingWith(key, candidates);
}

function onlyStartingWith(key: string, names: readonly string[]): string | undefined {
  const starts = names.filter((name) => name.toLowerCase().startsWith(key));
  return starts.length === 1 ? starts[0] : undefined;
}

/** `; did you mean "Leeds"?`, or the fallback when nothing is close. */
export function didYouMean(
  wanted: string,
  candidates: readonly string[],
  fallback: string,
): string {
  const match = closestMatch(wanted, candidates);
  return match === undefined ? fallback : `; did you mean "${match}"?`;
}
