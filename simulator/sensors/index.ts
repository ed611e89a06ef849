/**
 * The ANPR sensor model: from sightings (ground truth) to reads (what cameras
 * report).
 */
export {
  captureProbability,
  normaliseVrm,
  readsForSighting,
  type SensorContext,
} from './sensor.js';
export { isNight, sunTimesMin } from './daylight.js';
export { cameraClock, cameraTime, TRUE_CLOCK, type CameraClock } from './clock.js';
export {
  BATCH_SPREAD_MS,
  deliveryMs,
  nextUploadMs,
  slotConnects,
  uploadPhaseMs,
  type DeliveryModel,
} from './delivery.js';
export {
  confidenceFor,
  isCurrentFormat,
  misread,
  partialRead,
  type ReadError,
} from './confusions.js';
