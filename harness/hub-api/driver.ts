import type { HubFault } from './faults.js';
import type {
  CameraRegistry,
  ClockAdvance,
  HotlistChanges,
  HubEvent,
  HubInfo,
  ReadBatch,
  ReadsAccepted,
  SessionStart,
  SessionState,
  UnitReports,
} from './protocol.js';

/**
 * How the harness talks to a hub. Every hub is driven through this interface: the HTTP
 * driver speaks the Hub API, the in-process driver calls the reference hub directly, and a
 * team whose hub speaks something else writes a module that implements it (see
 * `loadDriverModule`). The messages are the protocol's own, so a driver only translates.
 *
 * A call that fails throws a `HubFault` (faults.ts); the runner retries within its limits.
 * Calls are made one at a time, never concurrently.
 */
export interface HubDriver {
  /** Where the hub is, for logs and reports, e.g. `http://127.0.0.1:8080` or `in-process`. */
  readonly target: string;
  info(): Promise<HubInfo>;
  /** Starts a session; the driver chooses the event delivery (push or pull) itself. */
  start(session: SessionRequest): Promise<SessionState>;
  cameras(registry: CameraRegistry): Promise<void>;
  hotlist(changes: HotlistChanges): Promise<void>;
  reads(batch: ReadBatch): Promise<ReadsAccepted>;
  units(reports: UnitReports): Promise<void>;
  /** Virtual time: resolves once the hub has processed everything before `now`. */
  advance(clock: ClockAdvance): Promise<SessionState>;
  /** Events received since the last call, oldest first, each with when it arrived. */
  events(): Promise<ReceivedEvent[]>;
  /**
   * Faults seen outside a call since the last time this was asked, such as a malformed
   * push from the hub. Drivers without a receiver of their own need not implement it.
   */
  faults?(): HubFault[];
  end(): Promise<void>;
  /** Frees connections and servers; safe to call twice. */
  close(): Promise<void>;
}

export type SessionRequest = Omit<SessionStart, 'delivery' | 'callbackUrl' | 'callbackToken'>;

export interface ReceivedEvent {
  event: HubEvent;
  /** `performance.now()` in the harness process when the event reached it. */
  receivedAt: number;
}

/** What a driver module is given. */
export interface DriverOptions {
  /** `--hub`, when given. */
  url?: string;
  /** `--token`, when given. */
  token?: string;
}

/**
 * A driver module's default export: `export default function createDriver(options) {...}`,
 * returning a driver or a promise of one.
 */
export type DriverFactory = (options: DriverOptions) => HubDriver | Promise<HubDriver>;
