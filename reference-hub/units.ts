import type { UnitReports } from '../harness/hub-api/protocol.js';
import type { UnitKind } from '../simulator/network/index.js';
import type { RoadModel } from './road-model.js';

/** A dispatch the hub has given and not yet seen finished. */
export interface ActiveDispatch {
  dispatchId: string;
  unitId: string;
  entryId: string;
  alertId: string;
  atMs: number;
  /** Whether a report has shown the unit working on it. */
  acknowledged: boolean;
}

export interface UnitRecord {
  unitId: string;
  kind: UnitKind;
  status: UnitReports['units'][number]['status'];
  lon: number;
  lat: number;
  /** The junction nearest its reported position. */
  node: number;
  dispatch: ActiveDispatch | null;
}

/**
 * A unit that does not show our dispatch within this time after it was given is
 * taken to have refused it (the harness may have turned it down) and counts as free
 * again.
 */
const ACKNOWLEDGE_GRACE_MS = 60_000;

/**
 * Statuses in which a unit may take a new dispatch; a returning unit is free on its
 * way.
 */
const FREE_STATUSES: ReadonlySet<string> = new Set(['available', 'returning']);

/**
 * The units as their reports describe them, and the hub's dispatches to them. A unit
 * is busy from our dispatch until a report shows it free again without that
 * dispatch: after having shown it, or once `ACKNOWLEDGE_GRACE_MS` has passed.
 */
export class Units {
  private readonly byId = new Map<string, UnitRecord>();
  private readonly byEntry = new Map<string, ActiveDispatch[]>();

  constructor(private readonly roads: RoadModel) {}

  /** Applies a report; returns the dispatches it shows finished. */
  report(reports: UnitReports, atMs: number): ActiveDispatch[] {
    const finished: ActiveDispatch[] = [];
    for (const report of reports.units) {
      const unit = this.place(report);
      unit.kind = report.kind;
      unit.status = report.status;
      const dispatch = unit.dispatch;
      if (!dispatch || atMs < dispatch.atMs) continue;
      const free = FREE_STATUSES.has(report.status) && report.dispatchId !== dispatch.dispatchId;
      if (!free) dispatch.acknowledged = true;
      else if (dispatch.acknowledged || atMs >= dispatch.atMs + ACKNOWLEDGE_GRACE_MS) {
        this.finish(dispatch);
        finished.push(dispatch);
      }
    }
    return finished;
  }

  /** Units that may take a dispatch now. */
  free(): UnitRecord[] {
    const free: UnitRecord[] = [];
    for (const unit of this.byId.values()) {
      if (!unit.dispatch && FREE_STATUSES.has(unit.status)) free.push(unit);
    }
    return free;
  }

  get(unitId: string): UnitRecord | undefined {
    return this.byId.get(unitId);
  }

  /** Dispatches open for a hotlist entry. */
  activeFor(entryId: string): readonly ActiveDispatch[] {
    return this.byEntry.get(entryId) ?? [];
  }

  assign(dispatch: ActiveDispatch): void {
    const unit = this.byId.get(dispatch.unitId);
    if (!unit) throw new RangeError(`Unit ${dispatch.unitId} has never been reported`);
    unit.dispatch = dispatch;
    const open = this.byEntry.get(dispatch.entryId);
    if (open) open.push(dispatch);
    else this.byEntry.set(dispatch.entryId, [dispatch]);
  }

  /** Ends a dispatch, freeing its unit. */
  finish(dispatch: ActiveDispatch): void {
    const unit = this.byId.get(dispatch.unitId);
    if (unit?.dispatch === dispatch) unit.dispatch = null;
    const open = (this.byEntry.get(dispatch.entryId) ?? []).filter((d) => d !== dispatch);
    if (open.length > 0) this.byEntry.set(dispatch.entryId, open);
    else this.byEntry.delete(dispatch.entryId);
  }

  private place(report: UnitReports['units'][number]): UnitRecord {
    const { lon, lat } = report.position;
    const known = this.byId.get(report.unitId);
    if (known && known.lon === lon && known.lat === lat) return known;
    const node = this.roads.nearestNode(lon, lat);
    if (known) return Object.assign(known, { lon, lat, node });
    const unit: UnitRecord = {
      unitId: report.unitId,
      kind: report.kind,
      status: report.status,
      lon,
      lat,
      node,
      dispatch: null,
    };
    this.byId.set(unit.unitId, unit);
    return unit;
  }
}
