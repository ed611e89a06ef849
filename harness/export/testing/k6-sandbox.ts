import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { runInNewContext } from 'node:vm';

/**
 * Runs an exported script.js in Node for the tests, with small stand-ins for the k6
 * modules it imports and a fake hub behind `k6/http`. It is not k6: it runs one VU's
 * code in order, with the iteration numbers, execution segment and environment the test
 * gives, which is what decides what an instance loads and sends.
 */

export interface SentRequest {
  method: string;
  url: string;
  body: string | null;
}

export interface InstanceSetup {
  /** k6's `--execution-segment`, or none for a whole test on one instance. */
  segment?: string;
  env?: Record<string, string>;
  /** 0 for the pass that reads the options, and for setup() and teardown(). */
  vu?: number;
}

export interface SandboxInstance {
  options: { scenarios: Record<string, Record<string, unknown>> };
  setup(): unknown;
  /** Runs the default function as iteration `iteration` of this instance. */
  iterate(iteration: number, data: unknown): void;
  teardown(data: unknown): void;
  sent: SentRequest[];
  /** Files the init code opened, as named. */
  opened: string[];
  failedChecks: string[];
}

/** An abort of the test, as `exec.test.abort()` would stop k6. */
export class TestAborted extends Error {}

interface Answer {
  status: number;
  body: string | null;
  error: string;
}

const EXPORTS = [
  [/^import .*;$/gm, ''],
  [/^export const options =/m, 'const options ='],
  [/^export function (setup|teardown)\(/gm, 'function $1('],
  [/^export default function \(/m, 'function iteration('],
] as const;

export function loadInstance(dir: string, setup: InstanceSetup = {}): SandboxInstance {
  const scriptText = readFileSync(join(dir, 'script.js'), 'utf8');
  const body = EXPORTS.reduce<string>((text, [from, to]) => text.replace(from, to), scriptText);
  const sent: SentRequest[] = [];
  const opened: string[] = [];
  const failedChecks: string[] = [];
  let iterationInInstance = 0;
  const hub = fakeHub();
  const request = (method: string, url: string, requestBody: string | null): Answer => {
    sent.push({ method, url, body: requestBody });
    return hub(method, url, requestBody);
  };
  const globals = {
    __ENV: setup.env ?? {},
    __VU: setup.vu ?? 1,
    open: (path: string) => {
      opened.push(path);
      return readFileSync(isAbsolute(path) ? path : join(dir, path), 'utf8');
    },
    SharedArray: function SharedArray(_name: string, load: () => unknown[]) {
      return load();
    },
    Counter: class {
      add(): void {}
    },
    check: (value: unknown, checks: Record<string, (v: unknown) => boolean>) => {
      for (const [name, test] of Object.entries(checks)) if (!test(value)) failedChecks.push(name);
      return true;
    },
    fail: (message: string) => {
      throw new Error(message);
    },
    sleep: () => {},
    exec: {
      test: {
        options: { executionSegment: setup.segment ?? null },
        abort: (message: string) => {
          throw new TestAborted(message);
        },
      },
      scenario: {
        get iterationInInstance() {
          return iterationInInstance;
        },
      },
    },
    http: {
      get: (url: string) => request('GET', url, null),
      post: (url: string, b: string) => request('POST', url, b),
      del: (url: string) => request('DELETE', url, null),
      request: (method: string, url: string, b: string) => request(method, url, b),
      expectedStatuses: () => ({}),
    },
  };
  const exported = runInNewContext(
    `${body}\n;({ options, setup, iteration, teardown });`,
    globals,
  ) as {
    options: SandboxInstance['options'];
    setup: () => unknown;
    iteration: (data: unknown) => void;
    teardown: (data: unknown) => void;
  };
  return {
    options: exported.options,
    setup: () => exported.setup(),
    iterate: (iteration, data) => {
      iterationInInstance = iteration;
      exported.iteration(data);
    },
    teardown: (data) => exported.teardown(data),
    sent,
    opened,
    failedChecks,
  };
}

/** A hub that takes everything: sessions start once, batches are accepted whole. */
function fakeHub(): (method: string, url: string, body: string | null) => Answer {
  let readsTaken = 0;
  let started = false;
  const json = (status: number, value: unknown): Answer => ({
    status,
    body: JSON.stringify(value),
    error: '',
  });
  return (method, url, body) => {
    const path = new URL(url).pathname;
    if (method === 'GET' && path === '/v1/hub') {
      return json(200, {
        modes: ['virtual', 'real'],
        delivery: ['push', 'pull'],
        limits: { maxReadsPerBatch: 5000, maxBodyBytes: 1e7 },
      });
    }
    if (method === 'POST' && path === '/v1/sessions') {
      const status = started ? 409 : 201;
      started = true;
      return json(status, {});
    }
    if (method === 'POST' && path.endsWith('/reads')) {
      const count = (JSON.parse(body ?? '{}') as { reads: unknown[] }).reads.length;
      readsTaken += count;
      return json(200, { accepted: count, rejected: [] });
    }
    if (method === 'GET') return json(200, { reads: readsTaken });
    return { status: 204, body: null, error: '' };
  };
}
