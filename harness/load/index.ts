/**
 * Open-loop load testing of a hub: profiles of offered load, the sender that offers it
 * without coordinated omission, the saturation search, and the result they write.
 */
export { describeLoad, failuresOf } from './describe.js';
export { LOAD_FILE, makeOutDir, writeLoadResult, type LoadFiles } from './files.js';
export type { LoadPercentiles } from './histogram.js';
export type { SecondPoint } from './measures.js';
export {
  LOAD_DEFAULTS,
  parseDurationMs,
  resolveLoadOptions,
  type LoadOptions,
  type ResolvedLoadOptions,
  type SaturationSettings,
} from './options.js';
export {
  DEFAULT_DAY_MS,
  describeProfile,
  NATIONAL_READS_PER_DAY,
  PROFILE_KINDS,
  READS_PER_CAMERA_PER_DAY,
  type DiurnalArea,
  type LoadProfile,
  type LoadProfileInput,
} from './profiles.js';
export type {
  LoadCheck,
  LoadResult,
  LoadThreshold,
  SaturationResult,
  SaturationStep,
} from './result.js';
export { runLoadTest, type LoadHooks, type LoadTestOutcome } from './run-load.js';
export type { RunProgress } from './profile-run.js';
