import { describe, expect, it } from 'vitest';
import { resolveScenario } from './resolve.js';
import type { ScenarioInput } from './schema.js';

describe('resolveScenario', () => {
  const base = {
    name: 'x',
    seed: 1,
    window: { start: '2026-11-12T18:00:00Z', durationHours: 12 },
  } as ScenarioInput;

  it('keeps default hotlist shares for the categories a scenario leaves out', () => {
    const s = resolveScenario({
      ...base,
      hotlist: { shares: { stolen: 0.01, 'no-tax': 0 } },
    } as unknown as ScenarioInput);
    expect(s.hotlist.shares).toMatchObject({
      stolen: 0.01,
      'no-tax': 0,
      wanted: 0.0005,
      'no-mot': 0.012,
    });
  });

  it('gives each camera kind its own sensor defaults under the scenario overrides', () => {
    const s = resolveScenario({
      ...base,
      sensors: { fixed: { misreadRate: 0.1 } },
    });
    expect(s.sensors.fixed.misreadRate).toBe(0.1);
    expect(s.sensors['mobile-van'].uploadIntervalMinutes).toBe(15);
    expect(s.endMs - s.startMs).toBe(12 * 3_600_000);
    expect(s.day).toBe('weekday');
  });
});
