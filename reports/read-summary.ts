import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TestbedError } from '../simulator/errors.js';
import { parseJson, readText } from '../harness/json-file.js';
import { isRecord } from '../harness/scenario/document.js';
import type { RunSummary } from '../harness/scoring/summary.js';
import { RUN_DIR_FILES } from './run-dir.js';

/** The objects every report reads; a file without them is not a run's summary. */
const REQUIRED = ['scenario', 'hub', 'reads', 'detection', 'interception'] as const;

/**
 * Reads `summary.json` from a run's folder, and nothing else, so that runs made by
 * older versions (whose logs lack what the HTML report draws) can still be compared
 * and reported on. Fails with one line naming the path when the folder or the file
 * is missing, or the file is not a run's summary.
 */
export async function readRunSummary(dir: string): Promise<RunSummary> {
  await requireFolder(dir);
  const path = join(dir, RUN_DIR_FILES.summary);
  let text: string;
  try {
    text = await readText(path);
  } catch (err) {
    if (!(err instanceof TestbedError) || err.code !== 'ATB_FILE_NOT_FOUND') throw err;
    throw unreadable(path, `no such file; ${dir} is not the folder of a finished run`);
  }
  const value = parseJson(text, path);
  const missing = isRecord(value) ? REQUIRED.filter((key) => !isRecord(value[key])) : REQUIRED;
  if (missing.length > 0 || !isRecord(value) || typeof value.verdict !== 'string') {
    throw unreadable(path, 'it is not the summary.json of a run (anpr-testbed run --out)');
  }
  return value as unknown as RunSummary;
}

async function requireFolder(dir: string): Promise<void> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(dir)).isDirectory();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw unreadable(dir, code === 'ENOENT' ? 'no such folder' : String(code ?? err));
  }
  if (!isFolder) throw unreadable(dir, 'it is a file, not the folder of a run');
}

function unreadable(path: string, reason: string): TestbedError {
  return new TestbedError('ATB_FILE_UNREADABLE', { path, reason });
}
