import type * as Wire from '../hub-api/protocol.js';
import type { Thresholds } from '../scoring/thresholds.js';
import type { ArrivalExecutor } from './schedule.js';

/** What the k6 script, the TestRun and the export's README are all written from. */
export interface K6Plan {
  scenarioFile: string;
  scenarioName: string;
  seed: number;
  /** The TestRun's and the ConfigMap's name; k6-operator names runner i's pod `<name>-<i>`. */
  testRun: string;
  /** Where the script sends by default; `HUB_URL` overrides it. */
  hubUrl: string;
  /** The session id by default; `SESSION_ID` overrides it. */
  sessionId: string;
  session: Omit<Wire.SessionStart, 'sessionId'>;
  shards: number;
  /** Reads per request, at most. */
  batch: number;
  executor: ArrivalExecutor;
  /** k6 thresholds by metric. */
  thresholds: Record<string, string[]>;
  /** The scenario's thresholds on scores only a scored run measures. */
  unmeasured: string[];
}

const LATENCY = /^detection\.latencyMs\.p(\d+)$/;

/**
 * The k6 thresholds for a scenario's. A bound on alert latency becomes the same bound on
 * the time the hub takes to answer a batch: a hub that cannot answer within it cannot
 * alert within it either. Every test also holds failed requests under 1%, checks over
 * 99%, and no dropped iterations, which would mean the load was not offered as planned.
 */
export function k6Thresholds(scenario: Thresholds): {
  thresholds: Record<string, string[]>;
  unmeasured: string[];
} {
  const duration: string[] = [];
  const unmeasured: string[] = [];
  for (const [name, bound] of Object.entries(scenario)) {
    const percentile = LATENCY.exec(name)?.[1];
    if (percentile !== undefined && bound.max !== undefined) {
      duration.push(`p(${percentile})<=${bound.max}`);
    } else unmeasured.push(name);
  }
  return {
    thresholds: {
      ...(duration.length > 0 ? { http_req_duration: duration } : {}),
      http_req_failed: ['rate<0.01'],
      checks: ['rate>0.99'],
      dropped_iterations: ['count==0'],
    },
    unmeasured,
  };
}

/**
 * A Kubernetes name for the scenario's TestRun: lower-case letters, digits and dashes,
 * short enough that k6-operator's job and service names made from it stay within 63.
 */
export function testRunName(scenarioName: string): string {
  const slug = scenarioName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `anpr-${slug || 'scenario'}`;
}
