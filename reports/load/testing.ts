import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { makeOutDir, writeLoadResult } from '../../harness/load/files.js';
import { runLoadTest, type LoadOptions } from '../../harness/load/index.js';
import type { LoadResult } from '../../harness/load/result.js';
import { startLoadTestHub } from '../../harness/load/testing.js';
import { scenarioFile, SMALL_NIGHT } from '../../harness/runner/testing.js';

/**
 * Real load tests for the load reports' tests, each bounded to a few seconds and kept on
 * loopback: the small night's reads offered to the reference hub in this process, a
 * saturation search of three one-second steps against the load-test hub, which slows
 * down above 250 reads a second, and a test whose hub is not there. Each is written into
 * a new temporary folder as the load command writes it.
 */

export interface LoadFolder {
  dir: string;
  result: LoadResult;
  /** The files written, `load.json` first. */
  files: string[];
  report: string;
}

const folders: string[] = [];

/** Short enough to wait out quickly; a probe read in twenty for alert latency. */
const QUICK: Partial<LoadOptions> = {
  probeEvery: 20,
  poolReads: 2000,
  graceMs: 1000,
  alertWaitMs: 1000,
};

/** The small night in a new folder, under another name when given one. */
async function scenario(name?: string): Promise<string> {
  const text =
    name === undefined
      ? SMALL_NIGHT
      : SMALL_NIGHT.replace('name: Small night', `name: ${JSON.stringify(name)}`);
  const { dir, path } = await scenarioFile(text);
  folders.push(dir);
  return path;
}

async function written(scenarioPath: string, result: LoadResult): Promise<LoadFolder> {
  const dir = join(dirname(scenarioPath), 'load');
  await makeOutDir(dir);
  const { files, report } = await writeLoadResult(dir, result);
  return { dir, result, files, report };
}

/** Two seconds at 200 reads a second against the reference hub: about three seconds. */
export async function profileLoad(name?: string): Promise<LoadFolder> {
  const path = await scenario(name);
  const { result } = await runLoadTest({
    ...QUICK,
    scenarioPath: path,
    profile: { kind: 'constant', readsPerSecond: 200 },
    durationMs: 2000,
  });
  return written(path, result);
}

/**
 * A saturation search from 100 reads a second, doubling, three steps of a second, with a
 * p99 bound of 250 ms, against a hub that holds answers back half a second above 250
 * reads a second: the last step should break. About five seconds.
 */
export async function searchLoad(): Promise<LoadFolder> {
  const path = await scenario();
  const hub = await startLoadTestHub({ degradeAbove: { readsPerSecond: 250, delayMs: 500 } });
  try {
    const { result } = await runLoadTest({
      ...QUICK,
      scenarioPath: path,
      hub: { url: hub.url, token: hub.token },
      saturation: { startPerSecond: 100, factor: 2, maxSteps: 3, restMs: 200 },
      durationMs: 1000,
      maxP99Ms: 250,
    });
    return await written(path, result);
  } finally {
    await hub.close();
  }
}

/** A test against a loopback port nothing listens on: it fails before sending. */
export async function unreachableLoad(): Promise<LoadFolder> {
  const path = await scenario();
  const url = `http://127.0.0.1:${await closedPort()}`;
  const { result } = await runLoadTest({ ...QUICK, scenarioPath: path, hub: { url, token: 't' } });
  return written(path, result);
}

/** A loopback port that was free a moment ago and is closed now. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Removes every folder made so far. */
export async function removeLoadFolders(): Promise<void> {
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
}
