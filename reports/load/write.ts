import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadResult } from '../../harness/load/result.js';
import { TestbedError } from '../../simulator/errors.js';
import { loadJunitXml } from './junit.js';
import { LOAD_DIR_FILES, readLoadResult } from './load-dir.js';
import { loadMarkdown } from './markdown.js';
import { renderLoadReport } from './render.js';

/** Where a load test's reports went. */
export interface LoadReportFiles {
  report: string;
  junit: string;
  markdown: string;
}

/**
 * Writes a load test's reports next to its `load.json`: the HTML report (to `reportFile`
 * when given), `junit.xml` and `summary.md`, which names the report. Returns their paths.
 */
export async function writeLoadReports(
  dir: string,
  result: LoadResult,
  reportFile?: string,
): Promise<LoadReportFiles> {
  const files: LoadReportFiles = {
    report: reportFile ?? join(dir, LOAD_DIR_FILES.report),
    junit: join(dir, LOAD_DIR_FILES.junit),
    markdown: join(dir, LOAD_DIR_FILES.markdown),
  };
  await write(files.report, await renderLoadReport(result, dir));
  await write(files.junit, loadJunitXml(result));
  await write(files.markdown, loadMarkdown(result, { reportPath: files.report }));
  return files;
}

/** Makes a load test's reports again from the `load.json` in its folder. */
export async function rebuildLoadReports(
  dir: string,
  reportFile?: string,
): Promise<LoadReportFiles> {
  return writeLoadReports(dir, await readLoadResult(dir), reportFile);
}

async function write(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new TestbedError('ATB_FILE_UNWRITABLE', { path, reason });
  }
}
