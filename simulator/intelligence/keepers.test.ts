import { describe, expect, it } from 'vitest';
import { streamFor } from '../random.js';
import { keeperOf } from './keepers.js';
import { POSTCODE_SHAPE, postcodeAreaOf, postcodeFor } from './postcodes.js';

const NAME = /^[A-Z][A-Za-z']+(-[A-Z][A-Za-z']+)? [A-Z][A-Za-z']+(-[A-Z][A-Za-z']+)?$/;
const ADDRESS = /^(\d{1,3}) ([A-Z][A-Za-z' ]+), ([A-Z][A-Za-z' .()-]+), (.+)$/;

describe('keepers', () => {
  const keepers = Array.from({ length: 2_000 }, (_, id) => keeperOf(5, id));

  it('have a first name and a surname', () => {
    expect(keepers.filter((k) => !NAME.test(k.name))).toEqual([]);
  });

  it('live at a number on a street, in a town, under a postcode', () => {
    for (const { address } of keepers) {
      const [, number, , , postcode] = ADDRESS.exec(address) ?? [];
      expect(Number(number), address).toBeGreaterThan(0);
      expect(postcode, address).toMatch(POSTCODE_SHAPE);
    }
  });

  it('live in the home town when given one, with its postcode area', () => {
    const keeper = keeperOf(5, 123, 'Harrogate');
    expect(keeper.address).toMatch(/^\d+ [A-Za-z' ]+, Harrogate, HG\d \d[A-Z]{2}$/);
  });

  it('keep their name and street whatever the home town', () => {
    const street = (address: string): string => address.split(',')[0]!;
    const inTown = keeperOf(5, 77, 'Whitby');
    expect(inTown.name).toBe(keepers[77]!.name);
    expect(street(inTown.address)).toBe(street(keepers[77]!.address));
  });

  it('are the same for a vehicle whatever was drawn before', () => {
    const backwards = Array.from({ length: 50 }, (_, i) => keeperOf(5, 49 - i)).reverse();
    expect(backwards).toEqual(keepers.slice(0, 50));
  });

  it('differ between vehicles and between seeds', () => {
    expect(new Set(keepers.map((k) => `${k.name}|${k.address}`)).size).toBe(keepers.length);
    const otherSeed = Array.from({ length: 200 }, (_, id) => keeperOf(6, id).name);
    const same = otherSeed.filter((name, id) => name === keepers[id]!.name);
    expect(same.length).toBeLessThan(5);
  });
});

describe('postcodes', () => {
  it('take the area of a known post town, whatever its case', () => {
    expect(postcodeAreaOf('Northallerton')).toBe('DL');
    expect(postcodeAreaOf(' sherburn in elmet ')).toBe('LS');
    expect(postcodeAreaOf('Atlantis')).toBeUndefined();
  });

  it('are shaped like Royal Mail postcodes, for known and unknown towns', () => {
    for (let i = 0; i < 500; i++) {
      const random = streamFor(1, 'keepers', i);
      expect(postcodeFor(i % 2 ? 'Selby' : 'Little Snoring', random)).toMatch(POSTCODE_SHAPE);
    }
  });
});
