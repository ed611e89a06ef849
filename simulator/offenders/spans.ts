import type { Random } from '../random.js';

/** A span of simulated time, start inclusive and end exclusive. */
export interface Span {
  fromMs: number;
  toMs: number;
}

/** The part of a span inside another, or null when they do not meet. */
export function clip(span: Span, within: Span): Span | null {
  const fromMs = Math.max(span.fromMs, within.fromMs);
  const toMs = Math.min(span.toMs, within.toMs);
  return toMs > fromMs ? { fromMs, toMs } : null;
}

/** Sorts spans and joins those that touch or overlap. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.fromMs - b.fromMs);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.fromMs <= last.toMs) last.toMs = Math.max(last.toMs, span.toMs);
    else merged.push({ ...span });
  }
  return merged;
}

/**
 * The parts of the given spans (sorted and disjoint) left once the holes are cut out
 * of them. One pass over both lists, since a year's window holds hundreds of nights.
 */
export function subtractSpans(spans: readonly Span[], holes: readonly Span[]): Span[] {
  const cuts = mergeSpans(holes);
  const parts: Span[] = [];
  let first = 0;
  for (const span of spans) {
    while (first < cuts.length && cuts[first]!.toMs <= span.fromMs) first++;
    let cursor = span.fromMs;
    for (let h = first; h < cuts.length && cuts[h]!.fromMs < span.toMs; h++) {
      if (cuts[h]!.fromMs > cursor) parts.push({ fromMs: cursor, toMs: cuts[h]!.fromMs });
      cursor = Math.max(cursor, cuts[h]!.toMs);
    }
    if (cursor < span.toMs) parts.push({ fromMs: cursor, toMs: span.toMs });
  }
  return parts;
}

export function totalMs(spans: readonly Span[]): number {
  return spans.reduce((sum, s) => sum + (s.toMs - s.fromMs), 0);
}

/** A whole millisecond drawn evenly over the spans; null when they are empty. */
export function drawInSpans(random: Random, spans: readonly Span[]): number | null {
  const total = totalMs(spans);
  if (total <= 0) return null;
  let offset = Math.floor(random.next() * total);
  for (const span of spans) {
    const length = span.toMs - span.fromMs;
    if (offset < length) return span.fromMs + offset;
    offset -= length;
  }
  return null;
}
