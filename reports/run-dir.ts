import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { TestbedError } from '../simulator/errors.js';
import type { RunSeries } from '../harness/scoring/series.js';
import type { RunSummary } from '../harness/scoring/summary.js';

/** The files of a run's folder. */
export const RUN_DIR_FILES = {
  log: 'run-log.ndjson',
  summary: 'summary.json',
  report: 'report.html',
  junit: 'junit.xml',
  markdown: 'summary.md',
} as const;

export interface LoadedRun {
  dir: string;
  summary: RunSummary;
  series: RunSeries;
}

/**
 * Reads a run's folder: `summary.json` and the `series` line of the run log, which is what
 * every report is made from. Fails with a message naming the file when either is missing or
 * unreadable.
 */
export async function loadRunDir(dir: string): Promise<LoadedRun> {
  const summaryPath = join(dir, RUN_DIR_FILES.summary);
  const logPath = join(dir, RUN_DIR_FILES.log);
  for (const path of [summaryPath, logPath]) {
    if (!existsSync(path)) throw new TestbedError('ATB_FILE_NOT_FOUND', { path });
  }
  let summary: RunSummary;
  try {
    summary = JSON.parse(await readFile(summaryPath, 'utf8')) as RunSummary;
  } catch (err) {
    throw new TestbedError('ATB_JSON_MALFORMED', { path: summaryPath, reason: String(err) });
  }
  const series = await seriesOf(logPath);
  if (!series) {
    throw new TestbedError('ATB_FILE_UNREADABLE', {
      path: logPath,
      reason: 'it has no series line; the run did not finish',
    });
  }
  return { dir, summary, series };
}

/** The series line is near the end of the log; lines are read one at a time. */
async function seriesOf(path: string): Promise<RunSeries | null> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let found: RunSeries | null = null;
  for await (const line of lines) {
    if (!line.startsWith('{"kind":"series"')) continue;
    try {
      found = (JSON.parse(line) as { series: RunSeries }).series;
    } catch (err) {
      throw new TestbedError('ATB_JSON_MALFORMED', { path, reason: String(err) });
    }
  }
  return found;
}
