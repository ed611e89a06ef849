import { describe, expect, it } from 'vitest';
import { parseIsoUtc } from '../time.js';
import { drawInSpans, mergeSpans, subtractSpans } from './spans.js';
import { Random } from '../random.js';
import { nextUkHour, ukLocalHour, ukLocalToUtc, ukNights, ukOffsetMs } from './uk-time.js';

const at = (iso: string): number => {
  const ms = parseIsoUtc(iso);
  if (ms === null) throw new Error(`Bad test time ${iso}`);
  return ms;
};

const HOUR_MS = 3_600_000;

describe('UK clock', () => {
  it('changes to BST at 01:00 UTC on the last Sunday of March', () => {
    // 29 March 2026 is the last Sunday of that March.
    expect(ukOffsetMs(at('2026-03-29T00:59:59Z'))).toBe(0);
    expect(ukOffsetMs(at('2026-03-29T01:00:00Z'))).toBe(HOUR_MS);
    expect(ukOffsetMs(at('2026-03-22T12:00:00Z'))).toBe(0);
  });

  it('changes back to GMT at 01:00 UTC on the last Sunday of October', () => {
    // 25 October 2026 is the last Sunday of that October.
    expect(ukOffsetMs(at('2026-10-25T00:59:59Z'))).toBe(HOUR_MS);
    expect(ukOffsetMs(at('2026-10-25T01:00:00Z'))).toBe(0);
    expect(ukOffsetMs(at('2026-12-01T00:00:00Z'))).toBe(0);
  });

  it('reads local hours an hour ahead of UTC in summer only', () => {
    expect(ukLocalHour(at('2026-07-01T19:30:00Z'))).toBe(20);
    expect(ukLocalHour(at('2026-07-01T23:30:00Z'))).toBe(0);
    expect(ukLocalHour(at('2026-01-15T19:30:00Z'))).toBe(19);
  });

  it('turns local wall times back into UTC', () => {
    expect(ukLocalToUtc(at('2026-07-01T20:00:00Z'))).toBe(at('2026-07-01T19:00:00Z'));
    expect(ukLocalToUtc(at('2026-01-01T20:00:00Z'))).toBe(at('2026-01-01T20:00:00Z'));
    // The morning after the clocks go back: 04:00 GMT.
    expect(ukLocalToUtc(at('2026-10-25T04:00:00Z'))).toBe(at('2026-10-25T04:00:00Z'));
  });

  it('finds the next local dawn hour', () => {
    expect(nextUkHour(at('2026-07-01T23:00:00Z'), 6)).toBe(at('2026-07-02T05:00:00Z'));
    expect(nextUkHour(at('2026-01-01T03:00:00Z'), 6)).toBe(at('2026-01-01T06:00:00Z'));
    expect(nextUkHour(at('2026-01-01T06:00:00Z'), 6)).toBe(at('2026-01-01T06:00:00Z'));
  });

  it('lists the nights from 20:00 to 04:00 inside a span, in UTC', () => {
    const span = { fromMs: at('2026-07-01T12:00:00Z'), toMs: at('2026-07-03T00:00:00Z') };
    expect(ukNights(span, 20, 4)).toEqual([
      { fromMs: at('2026-07-01T19:00:00Z'), toMs: at('2026-07-02T03:00:00Z') },
      { fromMs: at('2026-07-02T19:00:00Z'), toMs: at('2026-07-03T00:00:00Z') },
    ]);
  });

  it('makes the night of the October change nine hours long', () => {
    const span = { fromMs: at('2026-10-24T12:00:00Z'), toMs: at('2026-10-25T12:00:00Z') };
    const [night] = ukNights(span, 20, 4);
    expect(night).toEqual({ fromMs: at('2026-10-24T19:00:00Z'), toMs: at('2026-10-25T04:00:00Z') });
  });
});

describe('spans', () => {
  it('merges overlapping spans and cuts holes out of others', () => {
    expect(
      mergeSpans([
        { fromMs: 5, toMs: 8 },
        { fromMs: 0, toMs: 6 },
      ]),
    ).toEqual([{ fromMs: 0, toMs: 8 }]);
    const holes = [
      { fromMs: 2, toMs: 4 },
      { fromMs: 8, toMs: 20 },
    ];
    expect(subtractSpans([{ fromMs: 0, toMs: 10 }], holes)).toEqual([
      { fromMs: 0, toMs: 2 },
      { fromMs: 4, toMs: 8 },
    ]);
  });

  it('draws only inside the spans, and nothing from empty ones', () => {
    const random = new Random(7);
    const spans = [
      { fromMs: 0, toMs: 3 },
      { fromMs: 100, toMs: 102 },
    ];
    const drawn = new Set(Array.from({ length: 200 }, () => drawInSpans(random, spans)));
    expect([...drawn].sort((a, b) => a! - b!)).toEqual([0, 1, 2, 100, 101]);
    expect(drawInSpans(random, [])).toBeNull();
  });
});
