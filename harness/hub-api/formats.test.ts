import { describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { isDateTime, isUri } from './formats.js';
import { ClockAdvance } from './protocol.js';

describe('the formats the protocol uses', () => {
  it('takes RFC 3339 times with a zone and a real date', () => {
    const good = ['2026-11-12T21:04:05.123Z', '2024-02-29T00:00:00Z', '2026-06-01t10:00:00+01:00'];
    const bad = [
      '2026-11-12 21:04:05Z',
      '2026-11-12T21:04:05',
      '2026-02-29T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-11-12T24:00:00Z',
    ];

    expect(good.filter((t) => !isDateTime(t))).toEqual([]);
    expect(bad.filter((t) => isDateTime(t))).toEqual([]);
  });

  it('takes absolute URIs only', () => {
    expect(['http://127.0.0.1:4000/events', 'https://harness.example/cb'].every(isUri)).toBe(true);
    expect(['/events', '127.0.0.1:4000', 'not a uri'].some(isUri)).toBe(false);
  });

  it('is known to TypeBox once the protocol is loaded', () => {
    expect(Value.Check(ClockAdvance, { now: '2026-11-12T21:04:05.123Z' })).toBe(true);
    expect(Value.Check(ClockAdvance, { now: 'tomorrow' })).toBe(false);
  });
});
