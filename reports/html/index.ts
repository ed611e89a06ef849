import { stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { TestbedError } from '../../simulator/errors.js';
import { loadRunDir, RUN_DIR_FILES } from '../run-dir.js';
import { renderReport } from './render.js';

export { renderReport } from './render.js';

/**
 * Makes a run folder's HTML report from its `summary.json` and run log, writes it to
 * `outFile` (by default `report.html` in the folder) and returns where it went.
 */
export async function writeReport(dir: string, outFile?: string): Promise<string> {
  await mustBeFolder(dir);
  const run = await loadRunDir(dir);
  const path = outFile ?? join(dir, RUN_DIR_FILES.report);
  const page = await renderReport(run);
  try {
    await writeFile(path, page);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new TestbedError('ATB_FILE_UNWRITABLE', { path, reason });
  }
  return path;
}

export async function mustBeFolder(dir: string): Promise<void> {
  const found = await stat(dir).catch(() => null);
  if (found?.isDirectory()) return;
  const reason = found
    ? `it is a file, not a run folder; name the folder that holds it (${dirname(dir)})`
    : 'there is no such folder';
  throw new TestbedError('ATB_FILE_UNREADABLE', { path: dir, reason });
}
