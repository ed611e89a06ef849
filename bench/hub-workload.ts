/**
 * Reads and a hotlist for the reference hub benchmark, from the simulator's own mark
 * and misread models: current-format marks, about 3% misreads and 1% partial reads,
 * with the sensor model's confidences, spread over the bundled camera sites.
 */
import type {
  CameraSite,
  HotlistChange,
  HotlistEntry,
  Read,
  UnitReport,
} from '../harness/hub-api/protocol.js';
import type { Network } from '../simulator/network/index.js';
import { cameraRegistry } from '../harness/runner/wire.js';
import { Random } from '../simulator/random.js';
import { HOTLIST_CATEGORIES } from '../simulator/scenario/schema.js';
import { confidenceFor, misread, partialRead } from '../simulator/sensors/confusions.js';
import { currentMark, REGION_LETTERS } from '../simulator/vehicles/index.js';

export const START_MS = Date.parse('2026-11-12T21:00:00.000Z');

const MISREAD_SHARE = 0.03;
const PARTIAL_SHARE = 0.01;

export class Workload {
  readonly marks: string[];
  readonly hotlist: HotlistEntry[];
  readonly cameras: CameraSite[];
  private readonly random = new Random(42);
  private readId = 0;

  constructor(network: Network, vehicles: number, listed: number) {
    this.cameras = cameraRegistry(network).cameras;
    const marks = new Set<string>();
    while (marks.size < vehicles) {
      const region = REGION_LETTERS[this.random.int(REGION_LETTERS.length)]!;
      marks.add(currentMark(this.random, region, START_MS, { safe: true }));
    }
    this.marks = [...marks];
    this.hotlist = this.marks.slice(0, listed).map((vrm, i) => this.entry(i, vrm));
  }

  changes(): HotlistChange[] {
    const at = new Date(START_MS).toISOString();
    return this.hotlist.map((entry, i) => ({
      action: 'upsert',
      changeId: `c${i}`,
      at,
      entry,
    }));
  }

  /**
   * A read captured at `atMs`: of a listed vehicle with probability `hitShare`, else
   * of one not listed, with the sensor model's errors.
   */
  read(atMs: number, hitShare: number): Read {
    const r = this.random;
    const listed = this.hotlist.length;
    const vehicle = r.chance(hitShare) ? r.int(listed) : listed + r.int(this.marks.length - listed);
    const vrm = this.marks[vehicle]!;
    const x = r.next();
    const kind =
      x < MISREAD_SHARE ? 'misread' : x < MISREAD_SHARE + PARTIAL_SHARE ? 'partial' : 'none';
    const shown =
      kind === 'misread' ? misread(vrm, r) : kind === 'partial' ? partialRead(vrm, r) : vrm;
    return this.readAt(vehicle, shown, atMs, confidenceFor(kind, r));
  }

  /** A correct read of a listed vehicle. */
  readOfListed(index: number, atMs: number): Read {
    return this.readAt(index, this.marks[index]!, atMs, 0.95);
  }

  /**
   * Each vehicle is read at its own site, as a commuter passes the same camera each
   * day; reads at random sites would make most repeat reads impossible journeys.
   */
  private readAt(vehicle: number, vrm: string, atMs: number, confidence: number): Read {
    return {
      readId: `r${++this.readId}`,
      vrm,
      cameraId: this.cameras[vehicle % this.cameras.length]!.cameraId,
      capturedAt: new Date(atMs - this.random.int(5_000)).toISOString(),
      confidence,
    };
  }

  /** The network's police units at their bases, all available. */
  units(network: Network): UnitReport[] {
    return network.fixture.bases.features.flatMap((base) =>
      base.properties.units.map((unit) => ({
        unitId: unit.id,
        callsign: unit.callsign,
        kind: unit.kind,
        status: 'available' as const,
        position: { lon: base.geometry.coordinates[0], lat: base.geometry.coordinates[1] },
        dispatchId: null,
      })),
    );
  }

  private entry(i: number, vrm: string): HotlistEntry {
    const category = HOTLIST_CATEGORIES[i % HOTLIST_CATEGORIES.length]!;
    const priority =
      category === 'stolen' || category === 'wanted' ? 2 : category === 'intelligence' ? 3 : 4;
    return {
      entryId: `E${i}`,
      vrm,
      category,
      priority,
      reason: 'Benchmark entry',
      make: 'Ford',
      model: 'Focus',
      colour: 'Grey',
    };
  }
}
