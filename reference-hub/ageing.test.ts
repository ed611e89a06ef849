import { describe, expect, it } from 'vitest';
import { AgeingMap } from './ageing.js';

describe('maps that forget by simulated time', () => {
  it('keeps an entry for at least the span and drops it by twice the span', () => {
    const map = new AgeingMap<string, number>(10);
    map.advanceTo(0);
    map.set('a', 1);
    map.advanceTo(9);
    map.set('b', 2);
    map.advanceTo(10);
    expect([map.get('a'), map.get('b')]).toEqual([1, 2]);
    map.advanceTo(19);
    expect(map.has('a')).toBe(true);
    map.advanceTo(20);
    expect([map.get('a'), map.get('b'), map.size]).toEqual([undefined, undefined, 0]);
  });

  it('drops everything after a gap longer than two spans', () => {
    const map = new AgeingMap<string, number>(10);
    map.advanceTo(0);
    map.set('a', 1);
    map.advanceTo(35);
    expect(map.size).toBe(0);
  });
});
