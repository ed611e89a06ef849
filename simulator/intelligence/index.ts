export {
  drawReason,
  isHotlistCategory,
  offenceReason,
  priorityOf,
  reasonsFor,
  shareProblems,
  WARNING_PRIORITY,
  WARNING_SHARE,
  type Priority,
} from './categories.js';
export {
  compareChanges,
  initialEntriesOf,
  initialHotlist,
  listing,
  offenceListing,
  removal,
  type HotlistSettings,
  type InitialHotlistOptions,
} from './hotlist.js';
export { keeperOf, type Keeper } from './keepers.js';
export { mistypedMark } from './keying.js';
export { postcodeFor, POSTCODE_SHAPE } from './postcodes.js';
export type { RegistryView } from './registry-view.js';
