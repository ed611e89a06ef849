import type { K6Plan } from './k6-plan.js';

/** The name of shard `n` (from 1) of `count`; the script builds the same names. */
export function shardFile(n: number, count: number): string {
  return `reads-${n}-of-${count}.json`;
}

/**
 * The k6 script of an export: plain JavaScript as k6 runs it, the plan's figures at the
 * top and the same code below them for every export. The project's tests check it
 * against k6's published type definitions (`@types/k6`).
 */
export function k6Script(plan: K6Plan): string {
  return [header(plan), constants(plan), options(plan), RUNTIME].join('\n');
}

function header(plan: K6Plan): string {
  return `// A load test for an ANPR hub that speaks the Hub API, written by anpr-testbed
// (\`anpr-testbed export k6\`) from ${oneLine(plan.scenarioFile)}:
// ${oneLine(plan.scenarioName)}, seed ${plan.seed}.
// Export again rather than edit: the data files and this script belong together.
//
// Environment: HUB_URL (default ${plan.hubUrl}), HUB_TOKEN (the hub's bearer token),
// SESSION_ID (default ${plan.sessionId}), DATA_DIR (the folder of the data files, default
// this script's), SHARDS (the shard files this instance loads: "all", "2" or "1-2"; see
// below), END_QUIET_S (seconds without new reads before the session ends, default 10).
//
// How the work is split. The requests are dealt round-robin into the shard files: with
// n = ${plan.shards}, request k of the whole test is request floor(k / n) of
// reads-(k mod n + 1)-of-n.json. k6 stripes the iterations of an arrival-rate scenario
// the same way over equal execution segments: the instance on segment (i-1)/n:i/n starts
// iterations i-1, i-1+n, i-1+2n, ... of the whole test, so it sends exactly shard i, in
// order, each request in the minute it is due. An instance whose segment spans several
// shards (one instance alone spans them all) takes its iterations from each in turn.
`;
}

/** Text for a line comment: quoted, escaped, and with no character that ends a line in JS. */
function oneLine(text: string): string {
  return JSON.stringify(text).replace(/[\u2028\u2029]/g, ' ');
}

function constants(plan: K6Plan): string {
  return `import { check, fail, sleep } from 'k6';
import { SharedArray } from 'k6/data';
import exec from 'k6/execution';
import http from 'k6/http';
import { Counter } from 'k6/metrics';

const SHARDS = ${plan.shards};
const TEST_RUN = ${JSON.stringify(plan.testRun)};
const BATCH = ${plan.batch};
const HUB_URL = (__ENV.HUB_URL || ${JSON.stringify(plan.hubUrl)}).replace(/\\/+$/, '');
const SESSION_ID = __ENV.SESSION_ID || ${JSON.stringify(plan.sessionId)};
const DATA_DIR = (__ENV.DATA_DIR || '.').replace(/\\/+$/, '');
const SESSION = ${literal(plan.session)};
`;
}

function options(plan: K6Plan): string {
  const value = {
    scenarios: { reads: plan.executor },
    thresholds: plan.thresholds,
    setupTimeout: '5m',
    teardownTimeout: '5m',
  };
  return `/** @type {import('k6/options').Options} */
export const options = ${literal(value)};
`;
}

/** A value as a JavaScript literal: an object a member a line, objects in an array one a line. */
function literal(value: unknown, indent = ''): string {
  if (Array.isArray(value) && value.some(isRecord)) {
    const items = value.map((item) => `${indent}  ${inline(item)},`);
    return `[\n${items.join('\n')}\n${indent}]`;
  }
  if (isRecord(value)) {
    const members = Object.entries(value).map(
      ([key, member]) => `${indent}  ${name(key)}: ${literal(member, `${indent}  `)},`,
    );
    return `{\n${members.join('\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function inline(value: unknown): string {
  if (!isRecord(value)) return JSON.stringify(value);
  const members = Object.entries(value).map(([key, v]) => `${name(key)}: ${JSON.stringify(v)}`);
  return `{ ${members.join(', ')} }`;
}

function name(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The code every export shares. It has no backticks, so it sits in a template as it is. */
const RUNTIME = `/**
 * @typedef {{ readId: string, vrm: string, cameraId: string, capturedAt: string,
 *   confidence: number, headingDeg?: number }} WireRead
 * @typedef {{ offsetMs: number, body: { sentAt: string, reads: WireRead[] } }} Batch
 * @typedef {{ sessionId: string }} Session
 * @typedef {{ first: number, count: number }} Span
 * @typedef {import('k6/http').Response} Response
 */

const HEADERS = {
  Authorization: 'Bearer ' + (__ENV.HUB_TOKEN || ''),
  'Content-Type': 'application/json',
};
const HOTLIST_CHUNK = 10000;

const readsSent = new Counter('anpr_reads_sent');
const readsAccepted = new Counter('anpr_reads_accepted');
const readsRejected = new Counter('anpr_reads_rejected');

const CAMERAS = new SharedArray('cameras', function () {
  return /** @type {unknown[]} */ (JSON.parse(open(DATA_DIR + '/cameras.json')).cameras);
});
const HOTLIST = new SharedArray('hotlist', function () {
  return /** @type {unknown[]} */ (JSON.parse(open(DATA_DIR + '/hotlist.json')));
});

// k6 runs this init code once with __VU 0 to read the options (k6-operator's initializer
// runs only that pass) and for setup() and teardown(), none of which need reads; then once
// for each VU, where the shard files are loaded, each once for the instance.
const LOADED = __VU === 0 ? [] : shardsToLoad(__ENV.SHARDS, __ENV.HOSTNAME);
/** @type {Map<number, Batch[]>} */
const BATCHES = new Map();
for (const shard of LOADED) {
  const file = shardFile(shard);
  BATCHES.set(
    shard,
    new SharedArray(file, function () {
      return /** @type {Batch[]} */ (JSON.parse(open(DATA_DIR + '/' + file)));
    }),
  );
}

/** @param {number} shard */
function shardFile(shard) {
  return 'reads-' + shard + '-of-' + SHARDS + '.json';
}

/**
 * The shard files this instance loads. The execution segment is not known in the init
 * context, so SHARDS names them; under k6-operator the pod's name does (runner i of the
 * TestRun is the pod TEST_RUN-i and runs segment (i-1)/SHARDS:i/SHARDS); otherwise all.
 * Each VU checks the choice against the segment before it sends anything.
 * @param {string | undefined} asked
 * @param {string | undefined} hostname
 * @returns {number[]}
 */
function shardsToLoad(asked, hostname) {
  if (asked && asked !== 'all') return shardRange(asked);
  const prefix = TEST_RUN + '-';
  if (!asked && hostname && hostname.indexOf(prefix) === 0) {
    const runner = Number(hostname.slice(prefix.length));
    if (Number.isInteger(runner) && runner >= 1 && runner <= SHARDS) return [runner];
  }
  return numbers(1, SHARDS);
}

/** @param {string} text "2" or "1-2" */
function shardRange(text) {
  const ends = text.split('-').map(Number);
  const first = ends[0];
  const last = ends.length === 2 ? ends[1] : first;
  const whole = Number.isInteger(first) && Number.isInteger(last);
  if (ends.length > 2 || !whole || first < 1 || last < first || last > SHARDS) {
    throw new Error('SHARDS takes all, a shard such as 2 or a range such as 1-2, from 1 to ' +
      SHARDS + '; got "' + text + '"');
  }
  return numbers(first, last);
}

/** @param {number} first @param {number} last */
function numbers(first, last) {
  /** @type {number[]} */
  const out = [];
  for (let n = first; n <= last; n++) out.push(n);
  return out;
}

/** @type {Span | null} */
let span = null;

/**
 * The shards this instance's execution segment covers, checked once a VU: the segment
 * must fall on shard boundaries, and every shard in it must be loaded.
 * @returns {Span}
 */
function instanceSpan() {
  if (span) return span;
  const segment = exec.test.options.executionSegment || '0:1';
  const ends = segment.split(':').map(fraction);
  const first = Math.round(ends[0] * SHARDS);
  const last = Math.round(ends[1] * SHARDS);
  const onBoundaries =
    Math.abs(ends[0] * SHARDS - first) < 1e-9 && Math.abs(ends[1] * SHARDS - last) < 1e-9;
  if (ends.length !== 2 || !onBoundaries || last <= first) {
    abort('Execution segment ' + segment + ' does not fall on the boundaries of the ' +
      SHARDS + ' shards of this export: run it on ' + SHARDS + ' instances, on one, or on ' +
      'a number that divides ' + SHARDS);
  }
  for (let shard = first + 1; shard <= last; shard++) {
    if (!BATCHES.has(shard)) {
      const loaded = LOADED.length > 0 ? 'shards ' + LOADED.join(', ') : 'none';
      const wanted = first + 1 + (last > first + 1 ? '-' + last : '');
      abort('Execution segment ' + segment + ' covers shard ' + shard +
        ' but this instance loaded ' + loaded + '; set SHARDS=' + wanted + ' or SHARDS=all');
    }
  }
  span = { first: first, count: last - first };
  return span;
}

/** @param {string} text "1/4", "0.25" or "25%" */
function fraction(text) {
  const t = text.trim();
  if (t.slice(-1) === '%') return Number(t.slice(0, -1)) / 100;
  const parts = t.split('/');
  return parts.length === 2 ? Number(parts[0]) / Number(parts[1]) : Number(t);
}

/**
 * @param {string} message
 * @returns {never}
 */
function abort(message) {
  exec.test.abort(message);
  throw new Error(message);
}

/**
 * The request for this instance's iteration, or none once its shards are spent.
 * @param {number} iteration
 * @returns {Batch | undefined}
 */
function batchFor(iteration) {
  const covered = instanceSpan();
  const rows = BATCHES.get(covered.first + 1 + (iteration % covered.count));
  const index = Math.floor(iteration / covered.count);
  return rows && index < rows.length ? rows[index] : undefined;
}

/** @param {string} sessionId */
function sessionUrl(sessionId) {
  return HUB_URL + '/v1/sessions/' + encodeURIComponent(sessionId);
}

/** @param {Response} res */
function answer(res) {
  if (res.status === 0) return res.error;
  return res.status + ' ' + String(res.body).slice(0, 300);
}

/**
 * What the hub made of a batch, or null when its answer is not the protocol's.
 * @param {Response} res
 * @returns {{ accepted: number, rejected: number } | null}
 */
function readsAnswer(res) {
  if (res.status !== 200 || typeof res.body !== 'string') return null;
  try {
    const body = /** @type {{ accepted?: unknown, rejected?: unknown }} */ (JSON.parse(res.body));
    if (typeof body.accepted !== 'number' || !Array.isArray(body.rejected)) return null;
    return { accepted: body.accepted, rejected: body.rejected.length };
  } catch (err) {
    return null;
  }
}

/**
 * @template T
 * @param {T[]} shared
 * @param {number} from
 * @param {number} to
 * @returns {T[]}
 */
function slice(shared, from, to) {
  /** @type {T[]} */
  const out = [];
  for (let i = from; i < Math.min(to, shared.length); i++) out.push(shared[i]);
  return out;
}

/**
 * @param {'PUT' | 'POST'} method
 * @param {string} url
 * @param {unknown} body
 * @param {string} what
 */
function mustSend(method, url, body, what) {
  const res = http.request(method, url, JSON.stringify(body), { headers: HEADERS });
  if (res.status !== 204) fail('The hub refused ' + what + ': ' + answer(res));
}

/** Fails before any load when the hub cannot take this test. */
function checkHub() {
  const res = http.get(HUB_URL + '/v1/hub', { headers: HEADERS });
  if (res.status !== 200) fail('GET ' + HUB_URL + '/v1/hub: ' + answer(res));
  /** @type {{ modes?: string[], delivery?: string[], limits?: { maxReadsPerBatch?: number } }} */
  const info = JSON.parse(String(res.body));
  if (info.modes && info.modes.indexOf('real') < 0) {
    fail('The hub does not run sessions in real time, which a load test needs');
  }
  if (info.delivery && info.delivery.indexOf('pull') < 0) {
    fail('The hub does not offer pull delivery, which this test uses');
  }
  const most = info.limits && info.limits.maxReadsPerBatch;
  if (typeof most === 'number' && most < BATCH) {
    fail('The hub takes at most ' + most + ' reads a request and this export sends up to ' +
      BATCH + '; export again with --batch ' + most);
  }
}

/**
 * Starts the session in real time with pull delivery and gives the hub the camera sites
 * and the hotlist. Under k6-operator every instance runs setup(): the first starts the
 * session, the others find it started (409), and the cameras and hotlist changes they send
 * again are idempotent.
 * @returns {Session}
 */
export function setup() {
  checkHub();
  const body = JSON.stringify(Object.assign({ sessionId: SESSION_ID }, SESSION));
  const start = http.post(HUB_URL + '/v1/sessions', body, {
    headers: HEADERS,
    responseCallback: http.expectedStatuses(201, 409),
  });
  if (start.status !== 201 && start.status !== 409) {
    fail('The hub did not start session ' + SESSION_ID + ': ' + answer(start));
  }
  const cameras = { cameras: slice(CAMERAS, 0, CAMERAS.length) };
  mustSend('PUT', sessionUrl(SESSION_ID) + '/cameras', cameras, 'the camera sites');
  for (let from = 0; from < HOTLIST.length; from += HOTLIST_CHUNK) {
    const changes = { changes: slice(HOTLIST, from, from + HOTLIST_CHUNK) };
    mustSend('POST', sessionUrl(SESSION_ID) + '/hotlist', changes, 'the hotlist');
  }
  return { sessionId: SESSION_ID };
}

/**
 * One iteration, one request: the batch this iteration stands for, posted as it is.
 * @param {Session} session
 */
export default function (session) {
  const batch = batchFor(exec.scenario.iterationInInstance);
  if (!batch) return;
  const size = batch.body.reads.length;
  const res = http.post(sessionUrl(session.sessionId) + '/reads', JSON.stringify(batch.body), {
    headers: HEADERS,
    tags: { name: 'POST /v1/sessions/{sessionId}/reads' },
  });
  const counted = readsAnswer(res);
  readsSent.add(size);
  if (counted) {
    readsAccepted.add(counted.accepted);
    readsRejected.add(counted.rejected);
  }
  check(res, {
    'reads: status 200': function (r) {
      return r.status === 200;
    },
    'reads: accepted and rejected add up to the batch': function () {
      return counted !== null && counted.accepted + counted.rejected === size;
    },
  });
}

/**
 * Ends the session. Under k6-operator every instance runs teardown(); only the one whose
 * segment starts at 0 ends the session, once the hub's count of reads has stood still for
 * END_QUIET_S seconds, so that the other instances have finished sending.
 * @param {Session} session
 */
export function teardown(session) {
  const segment = exec.test.options.executionSegment;
  if (segment && fraction(segment.split(':')[0]) !== 0) return;
  waitForQuiet(session.sessionId, Number(__ENV.END_QUIET_S || 10));
  const res = http.del(sessionUrl(session.sessionId), null, { headers: HEADERS });
  check(res, {
    'session ended': function (r) {
      return r.status === 204;
    },
  });
}

/**
 * Polls the session until its count of reads has not moved for quietS seconds, for four
 * minutes at most.
 * @param {string} sessionId
 * @param {number} quietS
 */
function waitForQuiet(sessionId, quietS) {
  const stepS = 2;
  let last = -1;
  let stillS = 0;
  for (let waitedS = 0; waitedS < 240 && stillS < quietS; waitedS += stepS) {
    const res = http.get(sessionUrl(sessionId), {
      headers: HEADERS,
      tags: { name: 'GET /v1/sessions/{sessionId}' },
    });
    if (res.status !== 200) return;
    const reads = /** @type {{ reads?: unknown }} */ (JSON.parse(String(res.body))).reads;
    stillS = reads === last ? stillS + stepS : 0;
    last = typeof reads === 'number' ? reads : -1;
    sleep(stepS);
  }
}
`;
