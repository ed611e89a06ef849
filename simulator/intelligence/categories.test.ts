import { describe, expect, it } from 'vitest';
import { streamFor } from '../random.js';
import { HOTLIST_CATEGORIES, OFFENCE_KINDS } from '../scenario/schema.js';
import {
  drawReason,
  offenceReason,
  priorityOf,
  reasonsFor,
  shareProblems,
  WARNING_SHARE,
} from './categories.js';

describe('hotlist categories', () => {
  it('rank warnings first, then stolen and wanted, then intelligence, then documents', () => {
    const ranks = Object.fromEntries(HOTLIST_CATEGORIES.map((c) => [c, priorityOf(c)]));
    expect(ranks).toEqual({
      stolen: 2,
      wanted: 2,
      intelligence: 3,
      'missing-person': 3,
      'no-insurance': 4,
      'no-tax': 4,
      'no-mot': 4,
    });
    expect(priorityOf('intelligence', true)).toBe(1);
  });

  it('offer several reasons a control room would read for each category', () => {
    for (const category of HOTLIST_CATEGORIES) {
      const reasons = reasonsFor(category);
      expect(reasons.length).toBeGreaterThanOrEqual(3);
      expect(new Set(reasons).size).toBe(reasons.length);
    }
    expect(reasonsFor('no-insurance')).toContain('No insurance (MID)');
    expect(reasonsFor('intelligence', true).every((r) => r.startsWith('Warning:'))).toBe(true);
  });

  it('give a warning only to intelligence entries, at about the warning share', () => {
    const draws = 20_000;
    let warned = 0;
    for (let i = 0; i < draws; i++) {
      if (drawReason('intelligence', streamFor(1, 'hotlist', i)).priority === 1) warned++;
      expect(drawReason('stolen', streamFor(1, 'hotlist', i)).priority).toBe(2);
    }
    expect(warned / draws).toBeCloseTo(WARNING_SHARE, 2);
  });

  it('name the place in the reason for a vehicle stolen in an offence', () => {
    for (const kind of OFFENCE_KINDS) {
      const reason = offenceReason(kind, 'Pateley Bridge', streamFor(1, 'hotlist'));
      expect(reason).toMatch(/^Stolen .*Pateley Bridge/);
    }
  });

  it('report every share for a category it does not know', () => {
    expect(shareProblems({ stolen: 0.1, stollen: 0.1, 'no-insurence': 0.2 })).toEqual([
      expect.objectContaining({ path: 'hotlist.shares.stollen', code: 'unknown-category' }),
      expect.objectContaining({ path: 'hotlist.shares.no-insurence', severity: 'error' }),
    ]);
  });
});
