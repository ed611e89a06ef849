import { describe, expect, it } from 'vitest';
import { speedLimitMphFromTag } from './index.js';

describe('speedLimitMphFromTag', () => {
  it.each([
    ['60 mph', 60],
    ['30mph', 30],
    ['50', 31],
    ['110', 68],
    ['48 km/h', 30],
    ['GB:national_single_carriageway', 60],
    ['GB:national_dual_carriageway', 70],
    ['GB:motorway', 70],
    ['GB:nsl_single', 60],
    ['GB:nsl_dual', 70],
    ['none', undefined],
    ['signals', undefined],
    ['30;40', undefined],
    ['0', undefined],
    ['200', undefined],
    [undefined, undefined],
  ])('reads %s as %s', (tag, expected) => {
    expect(speedLimitMphFromTag(tag)).toBe(expected);
  });
});
