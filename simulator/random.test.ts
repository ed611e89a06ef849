import { describe, expect, it } from 'vitest';
import { Random, restartStream, streamFor } from './random.js';

function draws(random: Random, n = 20): number[] {
  return Array.from({ length: n }, () => random.next());
}

describe('seeded streams', () => {
  it('gives the same draws for the same seed, purpose and keys, and others for others', () => {
    expect(draws(streamFor(7, 'capture', 1, 2))).toEqual(draws(streamFor(7, 'capture', 1, 2)));
    const first = draws(streamFor(7, 'capture', 1, 2));
    expect(draws(streamFor(8, 'capture', 1, 2))).not.toEqual(first);
    expect(draws(streamFor(7, 'misread', 1, 2))).not.toEqual(first);
    expect(draws(streamFor(7, 'capture', 2, 1))).not.toEqual(first);
  });

  it('restarts a generator part-way through as the stream of other keys', () => {
    const reused = new Random(0);
    for (const [seed, a, b] of [
      [7, 1, 2],
      [20261111, 0xffffffff, 0],
      [0, 123456789, 987654321],
    ] as const) {
      draws(reused, 5);
      const restarted = restartStream(reused, seed, 'misread', a, b);
      expect(restarted).toBe(reused);
      expect(draws(restarted)).toEqual(draws(streamFor(seed, 'misread', a, b)));
    }
  });

  it('starts a reset generator as a new one with the same seed and salt', () => {
    const used = new Random(3, 9);
    draws(used, 7);
    expect(draws(used.reset(5, 11))).toEqual(draws(new Random(5, 11)));
  });
});
