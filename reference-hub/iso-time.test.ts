import { describe, expect, it } from 'vitest';
import { formatIso, parseIsoMs } from './iso-time.js';

describe('parsing wire times', () => {
  it('agrees with Date.parse on the wire form across years, leap days and month ends', () => {
    const times = [
      '1970-01-01T00:00:00.000Z',
      '2000-02-29T23:59:59.999Z',
      '2024-02-29T12:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-11-12T21:04:05.123Z',
      '2026-12-31T23:59:59Z',
      '2100-03-01T00:00:00.000Z',
    ];
    for (const text of times) expect(parseIsoMs(text), text).toBe(Date.parse(text));
  });

  it('reads other valid forms the slow way', () => {
    expect(parseIsoMs('2026-11-12T22:04:05+01:00')).toBe(Date.parse('2026-11-12T21:04:05Z'));
    expect(parseIsoMs('2026-11-12T21:04:05.1234Z')).toBe(Date.parse('2026-11-12T21:04:05.123Z'));
  });

  it('gives NaN for what is not a time', () => {
    for (const text of ['', 'soon', '2026-02-30T00:00:00.000Z', '2026-11-12T24:00:00.000Z']) {
      expect(parseIsoMs(text), text).toBeNaN();
    }
  });

  it('writes UTC with milliseconds', () => {
    expect(formatIso(Date.parse('2026-11-12T21:04:05Z'))).toBe('2026-11-12T21:04:05.000Z');
  });
});
