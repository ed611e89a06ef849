/**
 * The reference hub: a working ANPR hub speaking the Hub API, the embedded default the
 * harness runs against and the baseline other hubs are compared with.
 */
export type { SessionCounters } from './counters.js';
export { HUB_NAME, HUB_VERSION, ReferenceHub } from './hub.js';
export { createInProcessDriver, InProcessDriver } from './in-process.js';
export {
  CLOCK_SKEW_ALLOWANCE_MS,
  DISPATCH_MAX_PRIORITY,
  INTERCEPT_LEAD_MS,
  LIKELY_PATH_M,
  MAX_PLAUSIBLE_SPEED_KMH,
  MAX_SIMILAR_DIFFERENCES,
  MIN_DISPATCH_CONFIDENCE,
  MIN_JOURNEY_DISTANCE_M,
  MIN_SIMILAR_CONFIDENCE,
  RESPONSE_SPEED_FACTOR,
  SIMILAR_MATCH_FACTOR,
  type HubOptions,
} from './options.js';
export type { PushOptions, PushStats } from './push.js';
export { buildHubServer, type HubServerOptions } from './server.js';
