/** Exports a scenario as a load test for other tools. k6 is the one target so far. */
export const EXPORT_TARGETS = ['k6'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export {
  exportK6,
  HOLD_MS,
  K6_DEFAULTS,
  K6_FILES,
  type K6ExportOptions,
  type K6ExportResult,
} from './k6-export.js';
export { CONFIG_MAP_BYTES, megabytes } from './k6-operator.js';
