/**
 * The hubs of the load benchmark, each in a child process of its own so that it has
 * an event loop (and, on two cores, a core) apart from the load's. A child serves
 * one hub on loopback, says where, tells on request how busy it has been, and ends
 * when its parent lets go of it or goes. Forked as `node hub-process.js --serve
 * KIND`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startLoadTestHub, type LoadTestHubOptions } from '../harness/load/testing.js';
import { loadNetworkFixture } from '../harness/network/load.js';
import { buildHubServer } from '../reference-hub/server.js';
import { createNetwork } from '../simulator/network/index.js';

/** The reference hub, the light test hub, or the test hub that stalls. */
export type HubKind = 'reference' | 'light' | 'stall';

export interface ChildHub {
  kind: HubKind;
  url: string;
  token: string;
  child: ChildProcess;
}

/** How busy a hub's process has been since it started. */
interface Usage {
  cpuMicros: number;
  activeMs: number;
  idleMs: number;
}

/** What a hub's process did between two looks at it. */
export interface HubBusy {
  /** Share of the time its event loop was busy, 0 to 1. */
  eventLoopUtilisation: number;
  /** CPU time used (user and system), in cores: 1 is one core flat out. */
  cores: number;
}

const TOKEN = 'bench-token';
const START_MAX_MS = 30_000;
const ANSWER_MAX_MS = 5_000;

const children = new Set<ChildProcess>();

export function startHub(kind: HubKind, stall?: LoadTestHubOptions['stall']): Promise<ChildHub> {
  const args = ['--serve', kind, ...(stall ? [JSON.stringify(stall)] : [])];
  const child = fork(fileURLToPath(import.meta.url), args, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The ${kind} hub did not start`)),
      START_MAX_MS,
    );
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve({ kind, url: (m as { url: string }).url, token: TOKEN, child });
    });
    child.once('exit', (code) => reject(new Error(`The ${kind} hub exited with ${code}`)));
  });
}

/** Lets the child go, and kills it if it has not gone within a few seconds. */
export async function stopHub(hub: ChildHub): Promise<void> {
  const exited = new Promise((resolve) => hub.child.once('exit', resolve));
  hub.child.disconnect();
  await Promise.race([exited, sleep(ANSWER_MAX_MS)]);
  hub.child.kill('SIGKILL');
}

/** For the parent's last moments, however it ends. */
export function killHubs(): void {
  for (const child of children) child.kill('SIGKILL');
}

/** Runs `work` and says how busy the hub was meanwhile. */
export async function watchHub<T>(
  hub: ChildHub,
  work: () => Promise<T>,
): Promise<{ result: T; hub: HubBusy }> {
  const before = await usageOf(hub);
  const startMs = performance.now();
  const result = await work();
  const wallMs = performance.now() - startMs;
  const after = await usageOf(hub);
  const active = after.activeMs - before.activeMs;
  const idle = after.idleMs - before.idleMs;
  return {
    result,
    hub: {
      eventLoopUtilisation: round(active / Math.max(1e-9, active + idle)),
      cores: round((after.cpuMicros - before.cpuMicros) / 1000 / wallMs),
    },
  };
}

function usageOf(hub: ChildHub): Promise<Usage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The hub did not answer')), ANSWER_MAX_MS);
    hub.child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m as Usage);
    });
    hub.child.send('usage');
  });
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** In the child: serves the hub until the parent lets go, answering each `usage`. */
async function serve(kind: HubKind, stall: string | undefined): Promise<void> {
  const close = await listen(kind, stall);
  process.on('message', () => {
    const cpu = process.cpuUsage();
    const elu = performance.eventLoopUtilization();
    const usage: Usage = {
      cpuMicros: cpu.user + cpu.system,
      activeMs: elu.active,
      idleMs: elu.idle,
    };
    process.send!(usage);
  });
  process.once('disconnect', () => void close().then(() => process.exit(0)));
}

/** Listens on loopback, tells the parent where, and gives back how to close. */
async function listen(kind: HubKind, stall: string | undefined): Promise<() => Promise<void>> {
  if (kind === 'reference') {
    const network = createNetwork(await loadNetworkFixture());
    const app = buildHubServer({ token: TOKEN, network });
    process.send!({ url: await app.listen({ host: '127.0.0.1', port: 0 }) });
    return () => app.close();
  }
  const options = stall
    ? { stall: JSON.parse(stall) as NonNullable<LoadTestHubOptions['stall']> }
    : {};
  const hub = await startLoadTestHub({ token: TOKEN, ...options });
  process.send!({ url: hub.url });
  return () => hub.close();
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt >= 0) await serve(process.argv[serveAt + 1] as HubKind, process.argv[serveAt + 2]);
