import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LOAD_DIR_FILES, writeLoadReports } from '../../reports/load/index.js';
import { TestbedError } from '../../simulator/errors.js';
import type { LoadResult } from './result.js';

export const LOAD_FILE = LOAD_DIR_FILES.result;

/** The files a load test writes, `load.json` first, and its HTML report among them. */
export interface LoadFiles {
  files: string[];
  report: string;
}

/** Makes the output folder, so that a test that cannot write fails before it starts. */
export async function makeOutDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw unwritable(dir, err);
  }
}

/**
 * Writes `load.json` into the folder, then the reports made from it: the HTML report,
 * `junit.xml` and `summary.md`. The result goes first, so that it is kept even should a
 * report fail to be written.
 */
export async function writeLoadResult(dir: string, result: LoadResult): Promise<LoadFiles> {
  const path = join(dir, LOAD_FILE);
  try {
    await writeFile(path, `${JSON.stringify(result, null, 2)}\n`);
  } catch (err) {
    throw unwritable(path, err);
  }
  const reports = await writeLoadReports(dir, result);
  return { files: [path, reports.junit, reports.markdown, reports.report], report: reports.report };
}

function unwritable(path: string, err: unknown): TestbedError {
  const reason = (err as NodeJS.ErrnoException).code ?? String(err);
  return new TestbedError('ATB_FILE_UNWRITABLE', { path, reason });
}
