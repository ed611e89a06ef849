import { performance } from 'node:perf_hooks';
import type { HubDriver, ReceivedEvent, SessionRequest } from '../harness/hub-api/driver.js';
import { HubFault, type FaultKind } from '../harness/hub-api/faults.js';
import type {
  CameraRegistry,
  ClockAdvance,
  HotlistChanges,
  HubInfo,
  ReadBatch,
  ReadsAccepted,
  SessionState,
  UnitReports,
} from '../harness/hub-api/protocol.js';
import { isTestbedError } from '../simulator/errors.js';
import type { Network } from '../simulator/network/index.js';
import { ReferenceHub } from './hub.js';
import type { HubOptions } from './options.js';

/**
 * Drives the reference hub in this process, with no HTTP in between: each call goes
 * straight to the hub, and `events()` takes what it raised since the last call.
 * Messages are not checked against the protocol's schemas here; the harness sends
 * its own, and the HTTP server is where a hub's input is checked.
 */
export class InProcessDriver implements HubDriver {
  readonly target = 'in-process';
  private sessionId: string | null = null;

  constructor(readonly hub: ReferenceHub) {}

  info(): Promise<HubInfo> {
    return this.call('info', () => this.hub.info());
  }

  start(session: SessionRequest): Promise<SessionState> {
    return this.call('start', () => {
      const state = this.hub.startSession({ ...session, delivery: 'pull' });
      this.sessionId = session.sessionId;
      return state;
    });
  }

  cameras(registry: CameraRegistry): Promise<void> {
    return this.call('cameras', () => this.hub.cameras(this.session('cameras'), registry));
  }

  hotlist(changes: HotlistChanges): Promise<void> {
    return this.call('hotlist', () => this.hub.hotlist(this.session('hotlist'), changes));
  }

  reads(batch: ReadBatch): Promise<ReadsAccepted> {
    return this.call('reads', () => this.hub.reads(this.session('reads'), batch));
  }

  units(reports: UnitReports): Promise<void> {
    return this.call('units', () => this.hub.units(this.session('units'), reports));
  }

  advance(clock: ClockAdvance): Promise<SessionState> {
    return this.call('advance', () => this.hub.advance(this.session('advance'), clock));
  }

  events(): Promise<ReceivedEvent[]> {
    return this.call('events', () => {
      const receivedAt = performance.now();
      return this.hub.takeEvents(this.session('events')).map((event) => ({ event, receivedAt }));
    });
  }

  end(): Promise<void> {
    return this.call('end', () => {
      this.hub.endSession(this.session('end'));
      this.sessionId = null;
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private session(call: string): string {
    if (this.sessionId === null) {
      throw new HubFault('refused-request', call, 'No session has been started', { status: 404 });
    }
    return this.sessionId;
  }

  /** Runs a call, turning the hub's errors into the faults a driver reports. */
  private call<T>(call: string, fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(asFault(call, err));
    }
  }
}

/** A driver for a new reference hub on the network. */
export function createInProcessDriver(network: Network, options: HubOptions = {}): HubDriver {
  return new InProcessDriver(new ReferenceHub(network, options));
}

function asFault(call: string, err: unknown): Error {
  if (err instanceof HubFault) return err;
  if (!isTestbedError(err)) return err instanceof Error ? err : new Error(String(err));
  const kind: FaultKind =
    err.httpStatus === 413
      ? 'too-large'
      : err.httpStatus >= 500
        ? 'server-error'
        : 'refused-request';
  return new HubFault(kind, call, err.message, { status: err.httpStatus, cause: err });
}
