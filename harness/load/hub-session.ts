import { TestbedError } from '../../simulator/errors.js';
import type { HubDriver } from '../hub-api/driver.js';
import { isHubFault, type HubFault } from '../hub-api/faults.js';
import { createHttpDriver } from '../hub-api/http-driver.js';
import type { CameraRegistry, HotlistChange, HubInfo } from '../hub-api/protocol.js';
import { pathOf } from '../hub-api/routes.js';

/**
 * A load test's session with the hub, set up through the HTTP driver's own calls (the
 * hub's description, the session start, the camera registry and the hotlist) so that a
 * hub is spoken to exactly as in a run. The reads themselves go through the sender's own
 * pool; the driver still gathers the hub's events, pushed or polled.
 */

export interface LoadSessionOptions {
  url: string;
  token: string;
  delivery: 'push' | 'pull';
  timeoutMs: number;
  sessionId: string;
  scenario: string;
  seed: number;
  /** Simulated time at the start of the test, ISO 8601. */
  startAt: string;
  speed: number;
  cameras: CameraRegistry;
  hotlist: readonly HotlistChange[];
}

export interface LoadSession {
  info: HubInfo;
  /** The hub's origin, for the sender's pool. */
  origin: string;
  /** The reads endpoint of this session, with the URL's path prefix. */
  readsPath: string;
  headers: Record<string, string>;
  /** Alerts received since the last call, by the read that raised them. */
  alerts(): Promise<{ readId: string; receivedAt: number }[]>;
  /** Faults seen while gathering events (malformed pushes and the like). */
  faults(): HubFault[];
  /** Ends the session; a hub that has gone is let be. */
  end(): Promise<void>;
  close(): Promise<void>;
}

/** Changes per hotlist call: within the schema's bound and any hub's body limit. */
const HOTLIST_CHUNK = 10_000;

export async function openLoadSession(options: LoadSessionOptions): Promise<LoadSession> {
  const driver = await createHttpDriver({
    url: options.url,
    token: options.token,
    delivery: options.delivery,
    timeoutMs: options.timeoutMs,
  });
  try {
    const info = await setUp(driver, options);
    return sessionOf(driver, info, options);
  } catch (err) {
    await driver.close();
    throw isHubFault(err) ? setupError(options.url, err) : err;
  }
}

async function setUp(driver: HubDriver, options: LoadSessionOptions): Promise<HubInfo> {
  const info = await driver.info();
  await driver.start({
    sessionId: options.sessionId,
    scenario: options.scenario,
    seed: options.seed,
    mode: 'real',
    startAt: options.startAt,
    speed: options.speed,
  });
  await driver.cameras(options.cameras);
  for (let i = 0; i < options.hotlist.length; i += HOTLIST_CHUNK) {
    await driver.hotlist({ changes: options.hotlist.slice(i, i + HOTLIST_CHUNK) });
  }
  return info;
}

function sessionOf(driver: HubDriver, info: HubInfo, options: LoadSessionOptions): LoadSession {
  const url = new URL(options.url);
  const prefix = url.pathname.replace(/\/+$/, '');
  return {
    info,
    origin: url.origin,
    readsPath: `${prefix}${pathOf('reads', options.sessionId)}`,
    headers: {
      authorization: `Bearer ${options.token}`,
      accept: 'application/json, application/problem+json',
      'content-type': 'application/json',
    },
    async alerts() {
      const events = await driver.events();
      return events.flatMap(({ event, receivedAt }) =>
        event.type === 'alert' ? [{ readId: event.readId, receivedAt }] : [],
      );
    },
    faults: () => driver.faults?.() ?? [],
    async end() {
      try {
        await driver.end();
      } catch (err) {
        if (!isHubFault(err)) throw err;
      }
    },
    close: () => driver.close(),
  };
}

/** Connection faults mean the hub is not there; any other, that it would not play. */
export function setupError(url: string, fault: HubFault): TestbedError {
  const unreachable =
    fault.kind === 'refused' || fault.kind === 'timeout' || fault.kind === 'reset';
  return new TestbedError(unreachable ? 'ATB_LOAD_HUB_UNREACHABLE' : 'ATB_LOAD_HUB_REFUSED', {
    url,
    reason: fault.message,
  });
}
