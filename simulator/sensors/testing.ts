import type { CameraKind } from '../network/fixture.js';
import { streamFor, type Random } from '../random.js';
import { resolveScenario } from '../scenario/resolve.js';
import type { SensorModel } from '../scenario/schema.js';
import type { Sighting } from '../world/types.js';

/**
 * Helpers for the sensor tests: the default sensor model of each camera kind as a
 * scenario resolves it, and made-up sightings and marks.
 */

export const TEST_SEED = 20_260_112;

/** 2026-11-12T12:00:00Z, a midday in autumn. */
export const NOON_MS = 1_794_484_800_000;

export function defaultModel(kind: CameraKind): SensorModel {
  const scenario = resolveScenario({
    name: 'sensor test',
    seed: TEST_SEED,
    window: { start: '2026-11-12T00:00:00Z', durationHours: 24 },
    rain: [],
    description: '',
    network: 'north-yorkshire',
    thresholds: {},
  });
  return scenario.sensors[kind];
}

/** What each pattern letter stands for: tag letter, serial letter, letter, digit. */
const PATTERN_ALPHABETS: Record<string, string> = {
  T: 'ABCDEFGHJKLMNOPRSTUVWXY',
  S: 'ABCDEFGHJKLMNOPRSTUVWXYZ',
  L: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  D: '0123456789',
};

/** A mark drawn to a pattern, e.g. `TTDDSSS` for a current-format mark. */
export function markLike(pattern: string, random: Random): string {
  let text = '';
  for (const kind of pattern) {
    const alphabet = PATTERN_ALPHABETS[kind] ?? kind;
    text += alphabet.charAt(random.int(alphabet.length));
  }
  return text;
}

/** A current-format mark such as `YK21ABC`, any age identifier. */
export function currentMark(random: Random): string {
  return markLike('TTDDSSS', random);
}

/** A prefix (`A123BCD`), suffix (`ABC123D`) or Northern Ireland (`ABZ1234`) mark. */
export function olderMark(random: Random): string {
  return markLike(random.pick(['LDDDLLL', 'LLLDDDL', 'LLLDDDD']), random);
}

/** `count` sightings at one camera, `everyMs` apart, each with a current mark. */
export function sightings(count: number, startMs = NOON_MS, everyMs = 1000) {
  const random = streamFor(TEST_SEED, 'registry', 99);
  return Array.from({ length: count }, (_, i): Sighting => ({
    sightingId: `s-${i}`,
    vehicleId: i,
    tripId: `t-${i}-0-0`,
    vrm: currentMark(random),
    cameraId: 'cam-1',
    cameraKind: 'fixed',
    atMs: startMs + i * everyMs,
    edge: 0,
    headingDeg: 90,
  }));
}
