import {
  PROTOCOL_VERSION,
  type CameraRegistry,
  type ClockAdvance,
  type EventPage,
  type HotlistChanges,
  type HubEvent,
  type HubInfo,
  type ReadBatch,
  type ReadsAccepted,
  type SessionStart,
  type SessionState,
  type UnitReports,
} from '../harness/hub-api/protocol.js';
import { TestbedError } from '../simulator/errors.js';
import type { Network } from '../simulator/network/index.js';
import {
  LIKELY_PATH_M,
  decisionSettings,
  resolveHubOptions,
  type HubOptions,
  type ResolvedHubOptions,
} from './options.js';
import { RoadModel } from './road-model.js';
import type { SessionCounters } from './counters.js';
import { Session } from './session.js';

export const HUB_NAME = 'anpr-testbed reference hub';
export const HUB_VERSION = '0.1.0';

/**
 * The reference hub without HTTP: one method per call of the Hub API, taking and
 * giving the protocol's own messages. The HTTP server and the in-process driver both
 * wrap it. Sessions are independent and several may run at once. Failures are
 * `TestbedError`s whose HTTP status says what went wrong (404 unknown session, 409
 * id in use, 400 bad time or cursor).
 *
 * Matching a read takes a handful of map lookups (see HotlistIndex); what a session
 * keeps, and for how long, is described on Session.
 */
export class ReferenceHub {
  readonly options: ResolvedHubOptions;
  private readonly roads: RoadModel;
  private readonly sessions = new Map<string, Session>();

  constructor(network: Network, options: HubOptions = {}) {
    this.options = resolveHubOptions(options);
    this.roads = new RoadModel(network, LIKELY_PATH_M);
  }

  info(): HubInfo {
    return {
      name: HUB_NAME,
      version: HUB_VERSION,
      protocol: PROTOCOL_VERSION,
      modes: ['virtual', 'real'],
      delivery: ['push', 'pull'],
      limits: {
        maxReadsPerBatch: this.options.maxReadsPerBatch,
        maxBodyBytes: this.options.maxBodyBytes,
      },
      settings: decisionSettings(this.options),
    };
  }

  startSession(start: SessionStart): SessionState {
    if (this.sessions.has(start.sessionId)) {
      throw new TestbedError('ATB_HUB_SESSION_IN_USE', { sessionId: start.sessionId });
    }
    const session = new Session(start, this.roads, this.options);
    this.sessions.set(session.id, session);
    return session.state();
  }

  sessionState(sessionId: string): SessionState {
    return this.session(sessionId).state();
  }

  /** Ends a session and forgets it; returns what it did. */
  endSession(sessionId: string): SessionCounters {
    const session = this.session(sessionId);
    this.sessions.delete(sessionId);
    return session.counters;
  }

  cameras(sessionId: string, registry: CameraRegistry): void {
    this.session(sessionId).setCameras(registry);
  }

  hotlist(sessionId: string, changes: HotlistChanges): void {
    this.session(sessionId).applyHotlist(changes);
  }

  reads(sessionId: string, batch: ReadBatch): ReadsAccepted {
    if (batch.reads.length > this.options.maxReadsPerBatch) {
      throw new TestbedError('ATB_HUB_BATCH_TOO_LARGE', {
        max: String(this.options.maxReadsPerBatch),
        count: String(batch.reads.length),
      });
    }
    return this.session(sessionId).acceptReads(batch);
  }

  units(sessionId: string, reports: UnitReports): void {
    this.session(sessionId).reportUnits(reports);
  }

  /** Everything sent before `now` has been processed when this returns. */
  advance(sessionId: string, clock: ClockAdvance): SessionState {
    return this.session(sessionId).advanceClock(clock.now);
  }

  /** A page of events after the cursor (pull delivery). */
  eventsAfter(sessionId: string, cursor: string, limit: number): EventPage {
    return this.session(sessionId).eventsAfter(cursor, limit);
  }

  /** Events raised since the last call, oldest first (push delivery, in-process). */
  takeEvents(sessionId: string): HubEvent[] {
    return this.session(sessionId).takeEvents();
  }

  /** What a session has done so far, beyond what the protocol reports. */
  counters(sessionId: string): SessionCounters {
    return this.session(sessionId).counters;
  }

  /** The session's start message, for its delivery settings. */
  sessionStart(sessionId: string): SessionStart {
    return this.session(sessionId).start;
  }

  private session(sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    if (!session) throw new TestbedError('ATB_HUB_SESSION_UNKNOWN', { sessionId });
    return session;
  }
}
