import type { SensorModel } from '../scenario/schema.js';
import { mix, type Random } from '../random.js';

/**
 * When a read reaches the hub. A connected camera sends each read once it has
 * processed it, a second or few after the pass. A store-and-forward camera (mobile
 * vans, in-car, rapid-deploy) keeps a backlog and uploads it at upload slots; when a
 * slot finds no connection the backlog waits for the next slot that does. Reads
 * therefore arrive in bursts, and out of capture order across cameras (DOMAIN.md,
 * "How cameras get it wrong").
 */

export type DeliveryModel = Pick<
  SensorModel,
  'delayMedianS' | 'uploadIntervalMinutes' | 'offlineShare'
>;

/** Spread of the processing delay (our estimate: most within 0.5x to 2x median). */
const DELAY_SIGMA = 0.5;

/** Uploading a backlog takes a few seconds; each read lands somewhere in them. */
export const BATCH_SPREAD_MS = 4000;

/**
 * Limitation: a camera that finds no connection for this many slots in a row uploads
 * at the last of them anyway, so with an offline share of 1 its reads arrive very
 * late rather than never.
 */
const MAX_MISSED_SLOTS = 1000;

// Salts that keep the per-camera hashes for phase and for connection apart.
const PHASE_SALT = 0x9a5e;
const SLOT_SALT = 0x5107;
const TWO_TO_32 = 4294967296;

/**
 * True time at which a read captured at `capturedTrueMs` reaches the hub; always
 * later than the capture. `random` is the sighting's own stream. Upload slots and
 * their connections are decided by hashes of (seed, camera, slot), not drawn, so
 * that every read of a slot agrees however the reads are generated.
 */
export function deliveryMs(
  cameraIndex: number,
  capturedTrueMs: number,
  model: DeliveryModel,
  seed: number,
  random: Random,
): number {
  const readyMs = capturedTrueMs + processingDelayMs(model.delayMedianS, random);
  if (model.uploadIntervalMinutes <= 0) return readyMs;
  const slotMs = nextUploadMs(cameraIndex, readyMs, model, seed);
  return slotMs + Math.floor(random.next() * BATCH_SPREAD_MS);
}

/** Delay from capture to the read being ready to send: log-normal, at least 1 ms. */
function processingDelayMs(medianS: number, random: Random): number {
  const delayMs = random.logNormal(medianS * 1000, DELAY_SIGMA);
  return Math.max(1, Math.round(delayMs));
}

/**
 * Where a camera's upload slots fall within the interval: `phase + k × interval`.
 */
export function uploadPhaseMs(seed: number, camera: number, intervalMs: number) {
  return Math.floor((mix(seed, PHASE_SALT, camera) / TWO_TO_32) * intervalMs);
}

/** True when the camera finds a connection at upload slot `slot`. */
export function slotConnects(
  seed: number,
  cameraIndex: number,
  slot: number,
  offlineShare: number,
): boolean {
  return mix(seed, SLOT_SALT, cameraIndex, slot) / TWO_TO_32 >= offlineShare;
}

/**
 * Start of the first upload slot after `readyMs` at which the camera is connected.
 */
export function nextUploadMs(
  cameraIndex: number,
  readyMs: number,
  model: DeliveryModel,
  seed: number,
): number {
  const intervalMs = model.uploadIntervalMinutes * 60_000;
  const phaseMs = uploadPhaseMs(seed, cameraIndex, intervalMs);
  const firstSlot = Math.floor((readyMs - phaseMs) / intervalMs) + 1;
  let slot = firstSlot;
  while (
    slot - firstSlot < MAX_MISSED_SLOTS &&
    !slotConnects(seed, cameraIndex, slot, model.offlineShare)
  ) {
    slot++;
  }
  return phaseMs + slot * intervalMs;
}
