import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, editDistance } from './suggest.js';

const PLACES = ['Leeds', 'Leyburn', 'Hawes', 'Pateley Bridge', 'Pickering', 'Scarborough'];

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps as one edit each', () => {
    expect(editDistance('leeds', 'leeds')).toBe(0);
    expect(editDistance('leeds2', 'leeds')).toBe(1);
    expect(editDistance('hwes', 'hawes')).toBe(1);
    expect(editDistance('hawas', 'hawes')).toBe(1);
    expect(editDistance('strat', 'start')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('closestMatch', () => {
  it('suggests the nearest name, ignoring case', () => {
    expect(closestMatch('LEEDS2', PLACES)).toBe('Leeds');
    expect(closestMatch('scarbrough', PLACES)).toBe('Scarborough');
  });

  it('suggests the one name that a short form starts', () => {
    expect(closestMatch('Pateley', PLACES)).toBe('Pateley Bridge');
    expect(closestMatch('P', PLACES)).toBeUndefined();
  });

  it('suggests nothing when no name is close', () => {
    expect(closestMatch('Manchester', PLACES)).toBeUndefined();
    expect(closestMatch('  ', PLACES)).toBeUndefined();
  });
});

describe('didYouMean', () => {
  it('asks about the nearest name, or gives the fallback', () => {
    expect(didYouMean('Hawse', PLACES, '; no such place')).toBe('; did you mean "Hawes"?');
    expect(didYouMean('Wigan', PLACES, '; no such place')).toBe('; no such place');
  });
});
