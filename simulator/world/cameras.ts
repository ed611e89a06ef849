import type { CameraKind, Network } from '../network/index.js';
import { hashString, streamFor } from '../random.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { parseIsoUtc } from '../time.js';
import { cameraClock, TRUE_CLOCK, type CameraClock } from '../sensors/clock.js';
import { isNight, readsForSighting, type SensorContext } from '../sensors/sensor.js';
import { routeDescriber, type CachedRoute, type CameraPass } from '../traffic/routes.js';
import { sightingId, type PendingSighting } from './pending.js';
import type { Read, Sighting, Trip } from './types.js';

interface Span {
  fromMs: number;
  toMs: number;
}

/**
 * Which cameras are working when, and what they see: a camera that is out of service or in
 * an outage makes no sighting at all; a working one turns each sighting into reads through
 * the sensor model of its kind.
 */
export class CameraService {
  private readonly scenario: ResolvedScenario;
  private readonly network: Network;
  private readonly inService: boolean[];
  private readonly outages: Span[][];
  private readonly clocks: CameraClock[];
  readonly describeEdges: (edges: ArrayLike<number> & Iterable<number>) => CachedRoute;
  /** One sensor context, filled in afresh for each sighting; nothing keeps it past the call. */
  private readonly context: SensorContext;

  constructor(scenario: ResolvedScenario, network: Network) {
    this.scenario = scenario;
    this.network = network;
    const kinds = new Set<CameraKind>(scenario.cameras.kinds);
    const deployed = new Set(scenario.cameras.rapidDeploy);
    this.inService = network.cameras.map(
      (c, i) => (kinds.has(c.kind) && this.occupied(c.kind, i)) || deployed.has(c.cameraId),
    );
    this.outages = network.cameras.map((c, i) => this.outagesOf(c.cameraId, i));
    this.clocks = network.cameras.map((c, i) =>
      cameraClock(scenario.seed, i, scenario.sensors[c.kind]),
    );
    this.context = {
      seed: scenario.seed,
      model: scenario.sensors.fixed,
      cameraIndex: 0,
      night: false,
      rain: false,
      clock: TRUE_CLOCK,
      epochMs: scenario.startMs,
    };
    const describe = routeDescriber(network);
    this.describeEdges = (edges) => describe(Int32Array.from(edges));
  }

  /** Calls `see` for each pass of a route whose camera is working when the trip is there. */
  passesSeen(
    trip: Trip,
    route: CachedRoute,
    see: (k: number, pass: CameraPass, atMs: number) => void,
  ): void {
    const { passes } = route;
    for (let k = 0; k < passes.length; k++) {
      const pass = passes[k]!;
      if (!this.inService[pass.placement]) continue;
      const atMs = Math.round(trip.departMs + pass.afterS * 1000);
      if (this.down(pass.placement, atMs)) continue;
      see(k, pass, atMs);
    }
  }

  /** The sighting a pass seen makes. */
  sighting({ tripId, vehicleId, vrm, k, pass, atMs }: PendingSighting): Sighting {
    const placement = this.network.cameras[pass.placement]!;
    const watch = placement.watches[pass.watch]!;
    return {
      sightingId: sightingId(tripId, k),
      vehicleId,
      tripId,
      vrm,
      cameraId: placement.cameraId,
      cameraKind: placement.kind,
      atMs,
      edge: watch.edge,
      headingDeg: watch.headingDeg,
    };
  }

  /** The reads a sighting makes; `cameraIndex` is its camera's place in the network. */
  readsFor(sighting: Sighting, cameraIndex: number): readonly Read[] {
    const ctx = this.context;
    ctx.model = this.scenario.sensors[sighting.cameraKind];
    ctx.cameraIndex = cameraIndex;
    ctx.night = isNight(sighting.atMs);
    ctx.rain = this.raining(sighting.atMs);
    ctx.clock = this.clocks[cameraIndex]!;
    return readsForSighting(sighting, ctx);
  }

  private raining(atMs: number): boolean {
    for (const r of this.scenario.rain) if (atMs >= r.fromMs && atMs < r.toMs) return true;
    return false;
  }

  private down(placement: number, atMs: number): boolean {
    return this.outages[placement]!.some((o) => atMs >= o.fromMs && atMs < o.toMs);
  }

  /** A van site is in use for the whole window or not at all, drawn per site. */
  private occupied(kind: CameraKind, index: number): boolean {
    if (kind !== 'mobile-van') return true;
    const random = streamFor(this.scenario.seed, 'outages', index, 0x7a9);
    return random.chance(this.scenario.cameras.vanSitesOccupied);
  }

  /** The scenario's outages for a camera, and a random spell with randomOutageShare. */
  private outagesOf(cameraId: string, index: number): Span[] {
    const { cameras, startMs, endMs } = this.scenario;
    const spans = cameras.outages
      .filter((o) => o.camera === cameraId)
      .map((o) => ({ fromMs: parse(o.from), toMs: parse(o.to) }));
    const random = streamFor(this.scenario.seed, 'outages', index, hashString(cameraId));
    if (random.chance(cameras.randomOutageShare)) {
      const fromMs = random.between(startMs, endMs);
      spans.push({ fromMs, toMs: fromMs + random.logNormal(120, 0.6) * 60_000 });
    }
    return spans;
  }
}

/** Outage times were checked by scenario validation, so a bad one is a programming error. */
function parse(iso: string): number {
  const ms = parseIsoUtc(iso);
  if (ms === null) throw new Error(`Unchecked outage time ${iso}`);
  return ms;
}
