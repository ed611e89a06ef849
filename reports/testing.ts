import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { HubOptions } from '../reference-hub/options.js';
import { executeRun } from '../harness/runner/execute.js';
import { scenarioFile } from '../harness/runner/testing.js';
import type { RunSummary } from '../harness/scoring/summary.js';

/** A finished run's folder and its summary, for the reports' tests. */
export interface TestRun {
  dir: string;
  summary: RunSummary;
}

const folders: string[] = [];

/**
 * The runner's small night (two simulated hours) in a new temporary folder, with
 * `extra` appended to the scenario (thresholds, say).
 */
export async function smallNight(extra = ''): Promise<{ dir: string; path: string }> {
  const scenario = await scenarioFile(undefined, extra);
  folders.push(scenario.dir);
  return scenario;
}

/**
 * Runs a scenario against the reference hub (with `hub` options) in virtual time,
 * into the folder `name` beside the scenario file: about two seconds for the small
 * night.
 */
export async function runInto(
  scenario: { dir: string; path: string },
  name: string,
  hub?: HubOptions,
): Promise<TestRun> {
  const dir = join(scenario.dir, name);
  const result = await executeRun({
    scenarioPath: scenario.path,
    hub: { kind: 'reference', ...(hub ? { options: hub } : {}) },
    mode: { kind: 'virtual', tickMs: 5000 },
    outDir: dir,
  });
  return { dir, summary: result.summary };
}

/** Removes every folder `smallNight` made. */
export async function removeSmallNights(): Promise<void> {
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
}
