import { describe, expect, it } from 'vitest';
import { isTestbedError } from '../errors.js';
import { streamFor } from '../random.js';
import { parseIsoUtc } from '../time.js';
import { latestAgeIdentifiers } from './ages.js';
import { foreignMark } from './foreign.js';
import {
  currentMark,
  datelessMark,
  isSafeMark,
  isValidCurrentMark,
  northernIrelandMark,
  plateFormatOf,
  prefixMark,
  suffixMark,
} from './plates.js';
import { memoryRegionFor, officeOfMemoryTag, REGION_LETTERS } from './regions.js';

const at = (iso: string): number => parseIsoUtc(iso)!;
const NOV_2026 = at('2026-11-12T18:00:00Z');
const MARKS = 100_000;

function marks(make: (i: number) => string, count = MARKS): string[] {
  return Array.from({ length: count }, (_, i) => make(i));
}

const random = (i: number) => streamFor(7, 'registry', i);

describe('latestAgeIdentifiers', () => {
  it('gives the newest March and September identifiers issued', () => {
    expect(latestAgeIdentifiers(at('2026-12-01T00:00Z'))).toEqual({ march: 26, september: 76 });
    expect(latestAgeIdentifiers(at('2026-08-31T23:59Z'))).toEqual({ march: 26, september: 75 });
    expect(latestAgeIdentifiers(at('2026-02-28T12:00Z'))).toEqual({ march: 25, september: 75 });
    expect(latestAgeIdentifiers(at('2026-03-01T00:00Z'))).toEqual({ march: 26, september: 75 });
    expect(latestAgeIdentifiers(at('2026-09-01T00:00Z'))).toEqual({ march: 26, september: 76 });
  });

  it('refuses instants outside the current scheme with a coded error', () => {
    const error: unknown = (() => {
      try {
        latestAgeIdentifiers(at('2001-05-01T00:00Z'));
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(isTestbedError(error) && error.code).toBe('ATB_VEHICLES_DATE_UNSUPPORTED');
  });
});

describe('currentMark', () => {
  const current = marks((i) =>
    currentMark(random(i), i % 2 ? 'Y' : 'N', NOV_2026, { safe: false }),
  );

  it('follows the letter rules and issues only ages already issued', () => {
    const rules = /^[YN][A-HJ-PR-Y]\d\d[A-HJ-PR-Z]{3}$/;
    expect(current.filter((vrm) => !rules.test(vrm))).toEqual([]);
    expect(current.filter((vrm) => !isValidCurrentMark(vrm, NOV_2026))).toEqual([]);
    const issued = (age: number) => (age >= 2 && age <= 26) || (age >= 51 && age <= 76);
    expect(current.filter((vrm) => !issued(Number(vrm.slice(2, 4))))).toEqual([]);
  });

  it('uses Z among the random letters but never in the memory tag', () => {
    expect(current.some((vrm) => vrm.slice(4).includes('Z'))).toBe(true);
    expect(current.some((vrm) => vrm.slice(0, 2).includes('Z'))).toBe(false);
  });

  it('weights ages towards the younger vehicles the parc holds more of', () => {
    const ageOf = (vrm: string) => Number(vrm.slice(2, 4)) % 50;
    const recent = current.filter((vrm) => ageOf(vrm) >= 16).length;
    const old = current.filter((vrm) => ageOf(vrm) <= 8).length;
    expect(recent).toBeGreaterThan(5 * old);
    expect(old).toBeGreaterThan(0);
  });

  it('makes safe marks with ages that cannot have been issued', () => {
    const safe = marks((i) => currentMark(random(i), 'Y', NOV_2026, { safe: true }));
    expect(safe.filter((vrm) => isValidCurrentMark(vrm, NOV_2026))).toEqual([]);
    expect(safe.filter((vrm) => !isSafeMark(vrm, NOV_2026))).toEqual([]);
    const unissued = (age: number) => (age >= 28 && age <= 49) || (age >= 78 && age <= 99);
    expect(safe.filter((vrm) => !unissued(Number(vrm.slice(2, 4))))).toEqual([]);
    expect(new Set(safe.map((vrm) => vrm.slice(2, 4))).size).toBe(44);
  });

  it('keeps the next identifier of each series out of safe marks', () => {
    const lateAugust = at('2026-08-31T12:00Z');
    expect(isSafeMark('YK27ABC', lateAugust)).toBe(false);
    expect(isSafeMark('YK76ABC', lateAugust)).toBe(false);
    expect(isSafeMark('YK77ABC', lateAugust)).toBe(true);
    expect(isSafeMark('YK28ABC', lateAugust)).toBe(true);
  });
});

describe('isValidCurrentMark', () => {
  it('rejects marks that break a letter rule or carry an unissued age', () => {
    expect(isValidCurrentMark('YK76ABZ', NOV_2026)).toBe(true);
    for (const vrm of ['YI21ABC', 'YZ21ABC', 'ZA21ABC', 'YK21AIC', 'YK21ABQ', 'YK27ABC']) {
      expect(isValidCurrentMark(vrm, NOV_2026), vrm).toBe(false);
    }
    for (const vrm of ['YK01ABC', 'YK50ABC', 'YK77ABC', 'YK2ABCD', 'yk21abc']) {
      expect(isValidCurrentMark(vrm, NOV_2026), vrm).toBe(false);
    }
  });
});

describe('older and foreign formats', () => {
  const cases = [
    ['prefix', (i: number) => prefixMark(random(i), { safe: false })],
    ['suffix', (i: number) => suffixMark(random(i), { safe: false })],
    ['dateless', (i: number) => datelessMark(random(i))],
    ['northern-ireland', (i: number) => northernIrelandMark(random(i))],
    ['foreign', (i: number) => foreignMark(random(i))],
    ['foreign', (i: number) => foreignMark(random(i), { safe: true })],
  ] as const;

  it.each(cases)('makes %s marks that read back as that format', (format, make) => {
    expect(marks(make, 20_000).filter((vrm) => plateFormatOf(vrm) !== format)).toEqual([]);
  });

  it('makes safe prefix, suffix and foreign marks that cannot have been issued', () => {
    const safe = [
      ...marks((i) => prefixMark(random(i), { safe: true }), 20_000),
      ...marks((i) => suffixMark(random(i), { safe: true }), 20_000),
      ...marks((i) => foreignMark(random(i), { safe: true }), 20_000),
    ];
    expect(safe.filter((vrm) => !isSafeMark(vrm, NOV_2026))).toEqual([]);
  });

  it('never calls an ordinary older or foreign mark safe', () => {
    const real = [
      ...marks((i) => prefixMark(random(i), { safe: false }), 20_000),
      ...marks((i) => suffixMark(random(i), { safe: false }), 20_000),
      ...marks((i) => datelessMark(random(i)), 20_000),
      ...marks((i) => foreignMark(random(i)), 20_000),
    ];
    expect(real.filter((vrm) => isSafeMark(vrm, NOV_2026))).toEqual([]);
  });

  it('reads formats from hand-written marks, ignoring spaces and case', () => {
    expect(plateFormatOf('yk21 abc')).toBe('current');
    expect(plateFormatOf('A123 BCD')).toBe('prefix');
    expect(plateFormatOf('ABC 123D')).toBe('suffix');
    expect(plateFormatOf('ABZ 1234')).toBe('northern-ireland');
    expect(plateFormatOf('1234 AB')).toBe('dateless');
    expect(plateFormatOf('241D12345')).toBe('foreign');
    expect(plateFormatOf('AB123CD')).toBe('foreign');
    expect(plateFormatOf('YK-21')).toBeNull();
    expect(plateFormatOf('')).toBeNull();
  });
});

describe('memoryRegionFor', () => {
  const top = (area: string, lat = 54) => memoryRegionFor(area, lat)[0]!.region;
  const share = (area: string, lat: number, region: string) =>
    memoryRegionFor(area, lat).find((w) => w.region === region)?.weight ?? 0;

  it('gives each area its own region first', () => {
    expect(top('Leeds')).toBe('Y');
    expect(top('North Yorkshire')).toBe('Y');
    expect(top('Kingston upon Hull, City of')).toBe('Y');
    expect(top('Middlesbrough')).toBe('N');
    expect(top('County Durham')).toBe('N');
    expect(top('Lancashire')).toBe('P');
    expect(top('Westmorland and Furness')).toBe('P');
    expect(top('', 54.97)).toBe('N');
  });

  it('shifts North Yorkshire towards N nearer Teesside', () => {
    expect(share('North Yorkshire', 54.48, 'N')).toBeGreaterThan(0.25);
    expect(share('North Yorkshire', 54.0, 'N')).toBeLessThan(0.05);
  });

  it('keeps lease and fleet regions everywhere, and weights summing to one', () => {
    for (const area of ['Leeds', 'Middlesbrough', 'Cumberland', 'Somewhere']) {
      const weights = memoryRegionFor(area, 54);
      expect(weights.reduce((sum, w) => sum + w.weight, 0)).toBeCloseTo(1, 9);
      expect(weights.every((w) => REGION_LETTERS.includes(w.region))).toBe(true);
      expect(share(area, 54, 'M')).toBeGreaterThan(0.02);
      expect(share(area, 54, 'L')).toBeGreaterThan(0.02);
    }
  });

  it('names the DVLA office of a memory tag', () => {
    expect(officeOfMemoryTag('YK')).toBe('Leeds');
    expect(officeOfMemoryTag('YL')).toBe('Sheffield');
    expect(officeOfMemoryTag('YY')).toBe('Beverley');
    expect(officeOfMemoryTag('NP')).toBe('Stockton');
    expect(officeOfMemoryTag('PU')).toBe('Carlisle');
    expect(officeOfMemoryTag('YZ')).toBeNull();
  });
});
