import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { executeRun } from '../../harness/runner/execute.js';
import { scenarioFile, SMALL_NIGHT } from '../../harness/runner/testing.js';

/**
 * Real runs for the report's tests: the runner's small night (two simulated hours, about
 * two seconds) against the reference hub in virtual time.
 */

const folders: string[] = [];

export interface SmallRunOptions {
  /** The scenario's name, in place of "Small night". */
  name?: string;
  /** A name for the Leeds group, in place of "Leeds plant team". */
  group?: string;
  /** YAML appended to the scenario: thresholds, say. */
  extra?: string;
}

/** Makes a small run and returns its folder. */
export async function smallRun(options: SmallRunOptions = {}): Promise<string> {
  let text = SMALL_NIGHT;
  if (options.name !== undefined) {
    text = text.replace('name: Small night', `name: ${JSON.stringify(options.name)}`);
  }
  if (options.group !== undefined) {
    text = text.replace('name: Leeds plant team', `name: ${JSON.stringify(options.group)}`);
  }
  const { dir, path } = await scenarioFile(text, options.extra);
  folders.push(dir);
  const outDir = join(dir, 'run');
  await executeRun({
    scenarioPath: path,
    hub: { kind: 'reference' },
    mode: { kind: 'virtual', tickMs: 5000 },
    outDir,
  });
  return outDir;
}

/** Removes the folders of every small run made so far. */
export async function removeSmallRuns(): Promise<void> {
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
}
