import type { SensorModel } from '../scenario/schema.js';
import { hashString, Random, restartStream } from '../random.js';
import type { Read, Sighting } from '../world/types.js';
import { cameraTime, type CameraClock } from './clock.js';
import { confidenceFor, type ReadError } from './confusions.js';
import { misread, partialRead } from './confusions.js';
import { deliveryMs } from './delivery.js';

export { isNight } from './daylight.js';

/**
 * The ANPR sensor: what a camera reports when a vehicle truly passes it. Every draw
 * for a sighting comes from streams keyed by its id, so its reads are the same
 * whichever other sightings are generated, in whatever order; the camera's clock and
 * upload slots are keyed by the camera.
 */

/** Everything about the camera and the moment that a sighting's reads depend on. */
export interface SensorContext {
  seed: number;
  /** The sensor model of the camera's kind, defaults filled. */
  model: SensorModel;
  /** The camera's index in the network, keying its upload slots. */
  cameraIndex: number;
  night: boolean;
  rain: boolean;
  /** The camera's clock, built once per camera with `cameraClock`. */
  clock: CameraClock;
  /** When the camera clocks' offsets hold (the start of the run). */
  epochMs: number;
}

/** Seeds a second hash of the id: 64 bits of key make collisions negligible. */
const SECOND_HASH_SEED = 0x2545f491;

/** A second read of a pass comes from a frame a few hundred ms on (our estimate). */
const DUPLICATE_MIN_GAP_MS = 200;
const DUPLICATE_MAX_GAP_MS = 900;

/** Share of duplicates read differently from the first read, as a fresh misread. */
const DUPLICATE_MISREAD_SHARE = 0.2;

/** Marks shorter than this are misread rather than cut, so no read is empty. */
const MIN_PARTIAL_LENGTH = 3;

/** Upper case without spaces, as most feeds carry a VRM (DOMAIN.md). */
export function normaliseVrm(vrm: string): string {
  return isNormalised(vrm) ? vrm : vrm.replace(/\s+/g, '').toUpperCase();
}

/** The common case, checked without a regular expression: only A-Z and 0-9. */
function isNormalised(vrm: string): boolean {
  for (let i = 0; i < vrm.length; i++) {
    const code = vrm.charCodeAt(i);
    const digit = code >= 48 && code <= 57;
    if (!digit && (code < 65 || code > 90)) return false;
  }
  return true;
}

export type Conditions = Pick<SensorContext, 'model' | 'night' | 'rain'>;

/** Probability that the camera reads a passing plate at all. */
export function captureProbability(ctx: Conditions): number {
  const base = ctx.night ? ctx.model.captureNight : ctx.model.captureDay;
  return ctx.rain ? base * ctx.model.rainFactor : base;
}

/**
 * The generators of a sighting's capture and misread streams, restarted for each sighting:
 * sightings come by the million, and each is done with its streams before the next.
 */
const captureStream = new Random(0);
const misreadStream = new Random(0);
const NO_READS: readonly Read[] = [];

/**
 * The reads one sighting produces: none when the camera misses it, else one or two.
 */
export function readsForSighting(sighting: Sighting, ctx: SensorContext): readonly Read[] {
  const id = sighting.sightingId;
  const key = hashString(id);
  const key2 = hashString(id, SECOND_HASH_SEED);
  const random = restartStream(captureStream, ctx.seed, 'capture', key, key2);
  if (!random.chance(captureProbability(ctx))) return NO_READS;

  const plate = normaliseVrm(sighting.vrm);
  const error = drawError(random, ctx.model, plate.length);
  const duplicated = random.chance(ctx.model.duplicateRate);
  const duplicateMisread = duplicated && random.chance(DUPLICATE_MISREAD_SHARE);
  const needsMisread = error !== 'none' || duplicateMisread;
  const texts = needsMisread
    ? restartStream(misreadStream, ctx.seed, 'misread', key, key2)
    : random;

  const vrm = readText(plate, error, texts);
  const first = makeRead(sighting, ctx, random, 1, sighting.atMs, vrm, error);
  if (!duplicated) return [first];

  const secondVrm = duplicateMisread ? misread(plate, texts) : vrm;
  const secondError = duplicateMisread ? 'misread' : error;
  const atMs = sighting.atMs + duplicateGapMs(random);
  return [first, makeRead(sighting, ctx, random, 2, atMs, secondVrm, secondError)];
}

function duplicateGapMs(random: Random): number {
  return Math.round(random.between(DUPLICATE_MIN_GAP_MS, DUPLICATE_MAX_GAP_MS));
}

function drawError(random: Random, model: SensorModel, length: number): ReadError {
  const u = random.next();
  if (u < model.misreadRate) return 'misread';
  if (u >= model.misreadRate + model.partialRate) return 'none';
  return length < MIN_PARTIAL_LENGTH ? 'misread' : 'partial';
}

function readText(plate: string, error: ReadError, random: Random): string {
  if (error === 'misread') return misread(plate, random);
  return error === 'partial' ? partialRead(plate, random) : plate;
}

function makeRead(
  sighting: Sighting,
  ctx: SensorContext,
  random: Random,
  n: 1 | 2,
  trueMs: number,
  vrm: string,
  error: ReadError,
): Read {
  return {
    readId: `${sighting.sightingId}-r${n}`,
    sightingId: sighting.sightingId,
    vrm,
    cameraId: sighting.cameraId,
    capturedAtMs: cameraTime(trueMs, ctx.clock, ctx.epochMs),
    deliveredAtMs: deliveryMs(ctx.cameraIndex, trueMs, ctx.model, ctx.seed, random),
    confidence: confidenceFor(error, random),
    headingDeg: sighting.headingDeg,
    error,
    duplicate: n === 2,
    vehicleId: sighting.vehicleId,
    shownVrm: sighting.vrm,
  };
}
