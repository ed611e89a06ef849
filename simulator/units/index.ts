/**
 * Police units on the road network: who is on duty, how they drive to the hub's
 * dispatch points, and whether they intercept their targets.
 */
export { Field } from './field.js';
export {
  HORIZON_MS,
  MAX_POINT_TO_ROAD_M,
  MAX_WAIT_MS,
  RESPONSE_SPEED_FACTOR,
  STOP_DURATION_MS,
} from './options.js';
export { rosterFor } from './roster.js';
export type { Roster, RosterSettings, UnitSpec } from './roster.js';
export type {
  DispatchAnswer,
  DispatchOrder,
  DispatchRejection,
  FieldEvent,
  FieldOptions,
  MissReason,
  StopKind,
  UnitState,
  UnitStats,
  UnitStatus,
} from './types.js';
