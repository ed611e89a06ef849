import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { TestbedError } from '../simulator/errors.js';
import type { RunSummary } from '../harness/scoring/summary.js';
import { junitXml } from './junit.js';
import { markdownSummary } from './markdown.js';
import { readRunSummary } from './read-summary.js';
import { RUN_DIR_FILES } from './run-dir.js';

/**
 * Writes `junit.xml` into a run's folder from its `summary.json`; returns its path.
 */
export async function writeJunit(dir: string): Promise<string> {
  const summary = await readRunSummary(dir);
  const timestamp = await startedAt(dir, summary);
  const path = join(dir, RUN_DIR_FILES.junit);
  await write(path, junitXml(summary, timestamp === null ? {} : { timestamp }));
  return path;
}

/**
 * Writes `summary.md` into a run's folder from its `summary.json`, naming the HTML
 * report when given its path; returns the file's path.
 */
export async function writeMarkdown(dir: string, reportPath?: string): Promise<string> {
  const summary = await readRunSummary(dir);
  const path = join(dir, RUN_DIR_FILES.markdown);
  await write(path, markdownSummary(summary, reportPath === undefined ? {} : { reportPath }));
  return path;
}

/**
 * When the run started, by the wall clock: the time on the first line of its log,
 * or, without a log, the summary's own time less the length of the run.
 */
async function startedAt(dir: string, summary: RunSummary): Promise<string | null> {
  const fromLog = await firstLogTime(join(dir, RUN_DIR_FILES.log));
  if (fromLog !== null) return fromLog;
  try {
    const written = (await stat(join(dir, RUN_DIR_FILES.summary))).mtimeMs;
    return new Date(written - summary.run.wallMs).toISOString();
  } catch {
    return null;
  }
}

async function firstLogTime(path: string): Promise<string | null> {
  const stream = createReadStream(path, { encoding: 'utf8', end: 64 * 1024 });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      const wall = (JSON.parse(line) as { wall?: unknown }).wall;
      return typeof wall === 'string' ? wall : null;
    }
    return null;
  } catch {
    return null;
  } finally {
    lines.close();
    stream.destroy();
  }
}

async function write(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new TestbedError('ATB_FILE_UNWRITABLE', { path, reason });
  }
}
