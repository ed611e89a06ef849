import type { SensorModel } from '../scenario/schema.js';
import { streamFor } from '../random.js';

/**
 * Camera clocks. Each camera stamps its reads by its own clock, which starts off by
 * a fixed offset and gains or loses time at a steady rate. One statutory tolerance
 * for enforcement cameras is plus or minus 10 s over 14 days (DOMAIN.md), about 8
 * ppm; the default spreads in the scenario schema sit around that, wider for mobile
 * kit.
 */

export interface CameraClock {
  /**
   * How far ahead of true time the clock reads at the epoch; negative when behind.
   */
  offsetMs: number;
  /** Parts per million gained (positive) or lost (negative). */
  driftPpm: number;
}

/** Keeps the clock streams apart from the per-sighting capture streams. */
const CLOCK_STREAM_KEY = 0xc10c;

/**
 * The clock of one camera, drawn from a stream keyed by the camera alone. Build it
 * once per camera and pass it to every sighting at that camera.
 */
export function cameraClock(
  seed: number,
  cameraIndex: number,
  model: Pick<SensorModel, 'clockOffsetSdS' | 'clockDriftPpmSd'>,
): CameraClock {
  const random = streamFor(seed, 'capture', CLOCK_STREAM_KEY, cameraIndex);
  return {
    offsetMs: Math.round(random.normal(0, model.clockOffsetSdS * 1000)),
    driftPpm: random.normal(0, model.clockDriftPpmSd),
  };
}

/** A perfect clock, for cameras synchronised to GPS or NTP and for tests. */
export const TRUE_CLOCK: Readonly<CameraClock> = { offsetMs: 0, driftPpm: 0 };

/**
 * The time a camera's clock shows at true time `trueMs`, in whole milliseconds;
 * `epochMs` is when its offset was measured (the start of the run).
 */
export function cameraTime(trueMs: number, clock: CameraClock, epochMs: number) {
  const driftMs = (clock.driftPpm * (trueMs - epochMs)) / 1e6;
  return Math.round(trueMs + clock.offsetMs + driftMs);
}
