import { describe, expect, it } from 'vitest';
import { streamFor } from '../random.js';
import { confidenceFor, isCurrentFormat } from './confusions.js';
import { misread, partialRead } from './confusions.js';
import { currentMark, olderMark, TEST_SEED } from './testing.js';

const GROUPS = '0ODQ 1I 8B 5S 2Z 6G EF HR UV MN KX 7T 38 17'.split(' ');
const LOOK_ALIKE_PAIRS = new Set(
  GROUPS.flatMap((group) => [...group].flatMap((a) => [...group].map((b) => a + b))),
);

function isLookAlikeChange(vrm: string, read: string): boolean {
  const changed = changedPositions(vrm, read);
  return changed.every((i) => LOOK_ALIKE_PAIRS.has(vrm[i]! + read[i]!));
}

function changedPositions(a: string, b: string): number[] {
  return [...a].flatMap((char, i) => (char === b[i] ? [] : [i]));
}

function shareOf(values: number[], test: (value: number) => boolean): number {
  return values.filter(test).length / values.length;
}

function marks(count: number, make: typeof currentMark): string[] {
  const random = streamFor(TEST_SEED, 'registry', 1);
  return Array.from({ length: count }, () => make(random));
}

describe('misread', () => {
  it('keeps a current-format mark in shape and never returns the mark it was given', () => {
    const random = streamFor(TEST_SEED, 'misread', 1);
    const shape = /^[A-HJ-PR-Y]{2}[0-9]{2}[A-HJ-PR-Z]{3}$/;
    const bad = marks(50_000, currentMark)
      .map((vrm) => [vrm, misread(vrm, random)] as const)
      .filter(([vrm, read]) => read === vrm || !shape.test(read));
    expect(bad).toEqual([]);
  });

  it('changes one character, occasionally two, of a current-format mark', () => {
    const random = streamFor(TEST_SEED, 'misread', 2);
    const counts = [0, 0, 0];
    for (const vrm of marks(20_000, currentMark)) {
      counts[changedPositions(vrm, misread(vrm, random)).length]! += 1;
    }
    expect(counts[0]).toBe(0);
    expect(counts[2]! / 20_000).toBeGreaterThan(0.07);
    expect(counts[2]! / 20_000).toBeLessThan(0.13);
  });

  it('swaps look-alikes in older marks whatever the position', () => {
    const random = streamFor(TEST_SEED, 'misread', 3);
    const all = marks(20_000, olderMark);
    const reads = all.map((vrm) => misread(vrm, random));
    const lookAlike = reads.filter((read, n) => isLookAlikeChange(all[n]!, read));
    expect(reads.filter((read, n) => read.length !== all[n]!.length)).toEqual([]);
    expect(lookAlike.length / all.length).toBeGreaterThan(0.97);
  });

  it('lets a digit become a letter in an older mark but not in a current one', () => {
    const random = streamFor(TEST_SEED, 'misread', 4);
    const older = Array.from({ length: 200 }, () => misread('A800BCD', random));
    const current = Array.from({ length: 200 }, () => misread('YK08ABC', random));
    expect(older.some((read) => /[A-Z]/.test(read.slice(1, 4)))).toBe(true);
    expect(current.every((read) => /^\d\d$/.test(read.slice(2, 4)))).toBe(true);
  });

  it('substitutes a character of the same kind when no look-alike fits', () => {
    const random = streamFor(TEST_SEED, 'misread', 5);
    const reads = Array.from({ length: 500 }, () => misread('AA44AAA', random));
    expect(reads.filter((read) => read === 'AA44AAA')).toEqual([]);
    const shape = /^[A-HJ-PR-Y]{2}\d\d[A-HJ-PR-Z]{3}$/;
    expect(reads.every((read) => shape.test(read))).toBe(true);
    expect(misread('4', random)).toMatch(/^\d$/);
  });

  it('never gives a memory tag I, Q or Z, even from an O', () => {
    const random = streamFor(TEST_SEED, 'misread', 6);
    const reads = Array.from({ length: 2000 }, () => misread('OO21ABC', random));
    expect(reads.some((read) => read.startsWith('D'))).toBe(true);
    expect(reads.every((read) => !/[IQZ]/.test(read.slice(0, 2)))).toBe(true);
  });
});

describe('isCurrentFormat', () => {
  it('recognises two letters, two digits and three letters only', () => {
    const marks = ['YK21ABC', 'A123BCD', 'ABC123D', 'ABZ1234', 'yk21abc'];
    expect(marks.map(isCurrentFormat)).toEqual([true, false, false, false, false]);
  });
});

describe('partialRead', () => {
  it('drops one character, more often at the cropped ends', () => {
    const random = streamFor(TEST_SEED, 'misread', 7);
    const dropped = new Array<number>(7).fill(0);
    for (let i = 0; i < 22_000; i++) {
      const read = partialRead('YK21ABC', random);
      dropped[[...'YK21ABC'].findIndex((char, j) => read[j] !== char)]! += 1;
    }
    expect(dropped.reduce((a, b) => a + b, 0)).toBe(22_000);
    // Three times the weight at each end: 3/11 of drops at each end, 1/11 at each
    // inner one.
    const share = dropped.map((count) => count / 22_000);
    expect(Math.abs(share[0]! - 3 / 11)).toBeLessThan(0.015);
    expect(Math.abs(share[6]! - 3 / 11)).toBeLessThan(0.015);
    expect(Math.abs(share[3]! - 1 / 11)).toBeLessThan(0.01);
  });
});

describe('confidenceFor', () => {
  it('scores most correct reads 0.85 to 0.99 and misreads lower but overlapping', () => {
    const random = streamFor(TEST_SEED, 'misread', 8);
    const draw = (kind: 'none' | 'misread' | 'partial') =>
      Array.from({ length: 20_000 }, () => confidenceFor(kind, random));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const correct = draw('none');
    const misreads = draw('misread');
    const partials = draw('partial');
    const inBand = shareOf(correct, (c) => c >= 0.85 && c <= 0.99);
    expect(inBand).toBeGreaterThan(0.9);
    expect(mean(misreads)).toBeLessThan(mean(correct) - 0.05);
    expect(mean(partials)).toBeLessThan(mean(misreads));
    expect(shareOf(misreads, (c) => c > 0.9)).toBeGreaterThan(0.05);
    const everything = [...correct, ...misreads, ...partials];
    expect(everything.every((c) => c >= 0 && c <= 1)).toBe(true);
  });
});
