/**
 * Reference hub benchmark: (1) how many reads a second the hub ingests over real
 * HTTP on loopback (JSON parse, schema validation, matching against a hotlist of
 * 12,000 entries), in batches of 1,000 and 5,000; (2) alert latency at 2,000 reads a
 * second, open-loop: sends are scheduled in advance and latency runs from a read's
 * scheduled send to the push that carries its alert, so a slow hub cannot slow the
 * offered load down.
 *
 * The hub runs in a child process, on its own event loop and core, as it would in
 * service; this process generates the load and receives the pushes. Every loop is
 * bounded in count and time. Run with `npm run bench:hub`; prints one JSON document.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import type { EventPush, Read, SessionStart } from '../harness/hub-api/protocol.js';
import { pathOf } from '../harness/hub-api/routes.js';
import { LatencyHistogram } from '../harness/latency-histogram.js';
import { loadNetworkFixture } from '../harness/network/load.js';
import { ReferenceHub } from '../reference-hub/hub.js';
import { buildHubServer } from '../reference-hub/server.js';
import { createNetwork, type Network } from '../simulator/network/index.js';
import { START_MS, Workload } from './hub-workload.js';

const TOKEN = 'bench-token';
const VEHICLES = 200_000;
const LISTED = 12_000;
/**
 * Share of ordinary reads that are of a listed vehicle (our estimate for a busy
 * night).
 */
const HIT_SHARE = 0.005;

/** Ingest: reads per run, and the longest a run may take. */
const INGEST_READS = 300_000;
const INGEST_MAX_MS = 15_000;

/** Latency: offered rate, batch size, warm-up and measured spans. */
const LATENCY_RATE = 2_000;
const LATENCY_BATCH = 10;
const WARM_UP_MS = 2_000;
const MEASURE_MS = 10_000;
const DRAIN_MS = 5_000;

interface Hub {
  pool: Pool;
  call(method: 'POST' | 'PUT' | 'GET', path: string, body?: string): Promise<unknown>;
}

function connect(url: string, connections: number): Hub {
  const pool = new Pool(url, { connections, pipelining: 1 });
  const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
  return {
    pool,
    async call(method, path, body) {
      const answer = await pool.request({ method, path, headers, ...(body ? { body } : {}) });
      const text = await answer.body.text();
      if (answer.statusCode >= 300) throw new Error(`${path}: ${answer.statusCode} ${text}`);
      return text ? (JSON.parse(text) as unknown) : null;
    },
  };
}

async function openSession(hub: Hub, work: Workload, start: SessionStart): Promise<void> {
  await hub.call('POST', pathOf('startSession'), JSON.stringify(start));
  const id = start.sessionId;
  await hub.call('PUT', pathOf('cameras', id), JSON.stringify({ cameras: work.cameras }));
  await hub.call('POST', pathOf('hotlist', id), JSON.stringify({ changes: work.changes() }));
}

function session(sessionId: string, extra: Partial<SessionStart> = {}): SessionStart {
  const startAt = new Date(START_MS).toISOString();
  return {
    sessionId,
    scenario: 'bench',
    seed: 1,
    mode: 'virtual',
    startAt,
    speed: 1,
    delivery: 'pull',
    ...extra,
  };
}

/** Batches of reads, serialised before the clock starts. */
function batches(work: Workload, size: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const atMs = START_MS + i * 1_000;
    const reads = Array.from({ length: size }, () => work.read(atMs, HIT_SHARE));
    return JSON.stringify({ sentAt: new Date(atMs).toISOString(), reads });
  });
}

async function ingest(url: string, work: Workload, size: number, inFlight: number) {
  const hub = connect(url, inFlight);
  const id = `ingest-${size}-${inFlight}`;
  await openSession(hub, work, session(id));
  const bodies = batches(work, size, Math.ceil(INGEST_READS / size));
  const warmUp = Math.max(2, Math.floor(bodies.length / 10));
  for (const body of bodies.slice(0, warmUp)) await hub.call('POST', pathOf('reads', id), body);

  let next = warmUp;
  const start = performance.now();
  const worker = async (): Promise<void> => {
    while (next < bodies.length && performance.now() - start < INGEST_MAX_MS) {
      await hub.call('POST', pathOf('reads', id), bodies[next++]);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - start) / 1000;
  await hub.pool.close();
  const reads = (next - warmUp) * size;
  return {
    batchSize: size,
    inFlight,
    reads,
    seconds: round(seconds),
    readsPerSecond: Math.round(reads / seconds),
  };
}

/**
 * When the first alert on each entry arrived, and which read raised it. A misread of
 * an ordinary vehicle can look like a listed mark and raise the entry's alert before
 * the benchmark's own read of it; that read is then inside the alert window and
 * raises none.
 */
type Arrivals = Map<string, { readId: string; atMs: number }>;

/** A callback server that notes when each entry's alert arrived. */
async function receiver(arrived: Arrivals): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const now = performance.now();
      const push = JSON.parse(Buffer.concat(chunks).toString('utf8')) as EventPush;
      for (const event of push.events) {
        if (event.type !== 'alert' || arrived.has(event.entryId)) continue;
        arrived.set(event.entryId, { readId: event.readId, atMs: now });
      }
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/events`, server };
}

interface Hit {
  readId: string;
  entryId: string;
  sendAtMs: number;
}

/**
 * Each batch: ordinary reads and one correct read of a listed vehicle not yet
 * alerted.
 */
function latencyBatches(work: Workload, count: number): { body: string; hit: Hit }[] {
  return Array.from({ length: count }, (_, i) => {
    const atMs = START_MS + (i * LATENCY_BATCH * 1000) / LATENCY_RATE;
    const entry = work.hotlist[i % LISTED]!;
    const read = work.readOfListed(i % LISTED, atMs);
    const reads: Read[] = Array.from({ length: LATENCY_BATCH - 1 }, () => work.read(atMs, 0));
    reads.splice(i % LATENCY_BATCH, 0, read);
    const body = JSON.stringify({ sentAt: new Date(atMs).toISOString(), reads });
    return { body, hit: { readId: read.readId, entryId: entry.entryId, sendAtMs: 0 } };
  });
}

async function alertLatency(url: string, work: Workload, network: Network) {
  const arrived: Arrivals = new Map();
  const callback = await receiver(arrived);
  const hub = connect(url, 16);
  const id = 'latency';
  await openSession(hub, work, session(id, { delivery: 'push', callbackUrl: callback.url }));
  const units = { at: new Date(START_MS).toISOString(), units: work.units(network) };
  await hub.call('POST', pathOf('units', id), JSON.stringify(units));

  const intervalMs = (LATENCY_BATCH * 1000) / LATENCY_RATE;
  const plan = latencyBatches(work, Math.floor((WARM_UP_MS + MEASURE_MS) / intervalMs));
  const scheduled: Hit[] = [];
  const failures: string[] = [];
  const sends: Promise<unknown>[] = [];
  const start = performance.now() + 20;
  let next = 0;
  while (next < plan.length && performance.now() - start < WARM_UP_MS + MEASURE_MS + 1_000) {
    const now = performance.now();
    for (; next < plan.length && start + next * intervalMs <= now; next++) {
      const { body, hit } = plan[next]!;
      scheduled.push({ ...hit, sendAtMs: start + next * intervalMs });
      sends.push(
        hub.call('POST', pathOf('reads', id), body).catch((e: Error) => failures.push(e.message)),
      );
    }
    await sleep(1);
  }
  await Promise.all(sends);
  const drainStart = performance.now();
  const waiting = () => scheduled.some((hit) => !arrived.has(hit.entryId));
  while (waiting() && performance.now() - drainStart < DRAIN_MS) {
    await sleep(10);
  }
  await hub.pool.close();
  await new Promise((resolve) => callback.server.close(resolve));
  return summarise(scheduled, arrived, start + WARM_UP_MS, failures);
}

function summarise(hits: Hit[], arrived: Arrivals, fromMs: number, failures: string[]) {
  const histogram = new LatencyHistogram();
  let missed = 0;
  let preempted = 0;
  for (const hit of hits) {
    if (hit.sendAtMs < fromMs) continue;
    const alert = arrived.get(hit.entryId);
    if (!alert) missed++;
    else if (alert.readId !== hit.readId) preempted++;
    else histogram.recordMs(alert.atMs - hit.sendAtMs);
  }
  const result = {
    offeredReadsPerSecond: LATENCY_RATE,
    readsPerBatch: LATENCY_BATCH,
    measuredSeconds: MEASURE_MS / 1000,
    alerts: histogram.count,
    missed,
    preemptedBySimilarMatch: preempted,
    failedSends: failures.length,
    p50Ms: histogram.atMs(50),
    p95Ms: histogram.atMs(95),
    p99Ms: histogram.atMs(99),
    maxMs: histogram.maxMs(),
  };
  return result;
}

/**
 * The hub's core alone, with no HTTP: reads a second through `reads()` on one core.
 */
function inProcess(network: Network, work: Workload) {
  const hub = new ReferenceHub(network);
  hub.startSession(session('core'));
  hub.cameras('core', { cameras: work.cameras });
  hub.hotlist('core', { changes: work.changes() });
  const parsed = batches(work, 1_000, 200).map(
    (b) => JSON.parse(b) as Parameters<ReferenceHub['reads']>[1],
  );
  const start = performance.now();
  let reads = 0;
  for (const batch of parsed) {
    if (performance.now() - start > INGEST_MAX_MS) break;
    reads += hub.reads('core', batch).accepted;
  }
  const seconds = (performance.now() - start) / 1000;
  return { batchSize: 1_000, reads, readsPerSecond: Math.round(reads / seconds) };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

async function serve(): Promise<void> {
  const network = createNetwork(await loadNetworkFixture());
  const app = buildHubServer({ token: TOKEN, network });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.once('disconnect', () => void app.close());
  process.send!({ url });
}

function startHubProcess(): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (m) => resolve({ url: (m as { url: string }).url, child }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`The hub process exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  if (process.argv.includes('--serve')) return serve();
  const network = createNetwork(await loadNetworkFixture());
  const work = new Workload(network, VEHICLES, LISTED);
  const core = inProcess(network, work);
  const { url, child } = await startHubProcess();
  try {
    const runs = [];
    for (const size of [1_000, 5_000]) {
      for (const inFlight of [1, 4]) runs.push(await ingest(url, work, size, inFlight));
    }
    const latency = await alertLatency(url, work, network);
    const single = runs.filter((r) => r.inFlight === 1);
    const output = {
      benchmark: 'reference-hub',
      node: process.version,
      setup: {
        server: 'child process on loopback; load and push receiver in this process',
        hotlistEntries: LISTED,
        cameras: work.cameras.length,
        reads: 'current-format marks, 3% misread, 1% partial, 0.5% of listed vehicles',
      },
      targets: { ingestReadsPerSecond: 50_000, alertP99Ms: 20 },
      met: {
        ingest: single.every((r) => r.readsPerSecond >= 50_000),
        latency: latency.missed === 0 && latency.p99Ms !== null && latency.p99Ms < 20,
      },
      inProcess: core,
      ingest: runs,
      alertLatency: latency,
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } finally {
    child.disconnect();
  }
}

await main();
