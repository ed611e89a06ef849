import type { NoDispatchReason } from './intercept.js';

/** What a session has done, beyond what the protocol reports. */
export interface SessionCounters {
  readsAccepted: number;
  readsRepeated: number;
  readsRejected: number;
  changesApplied: number;
  changesRepeated: number;
  alerts: number;
  /** Matches inside the window of an earlier alert on the same entry. */
  alertsWithinWindow: number;
  /** Similar matches under the hub's floor on confidence. */
  similarBelowFloor: number;
  impossibleJourneys: number;
  dispatches: number;
  dispatchesFinished: number;
  standDowns: number;
  /** Reads of dispatchable entries that led to no dispatch, by reason. */
  noDispatch: Record<NoDispatchReason, number>;
  eventsDropped: number;
}

export function newCounters(): SessionCounters {
  return {
    readsAccepted: 0,
    readsRepeated: 0,
    readsRejected: 0,
    changesApplied: 0,
    changesRepeated: 0,
    alerts: 0,
    alertsWithinWindow: 0,
    similarBelowFloor: 0,
    impossibleJourneys: 0,
    dispatches: 0,
    dispatchesFinished: 0,
    standDowns: 0,
    noDispatch: {
      'camera-moves': 0,
      'camera-off-road': 0,
      'no-unit-free': 0,
      'vehicle-gone': 0,
      'no-unit-ahead': 0,
    },
    eventsDropped: 0,
  };
}
