import { join } from 'node:path';
import type { LoadResult } from '../../harness/load/result.js';
import { parseJson, readText, schemaProblems } from '../../harness/json-file.js';
import { TestbedError } from '../../simulator/errors.js';
import type { Problem } from '../../simulator/problems.js';
import { LoadResultSchema } from './schema.js';

/** The files of a load test's folder: its result, and the reports made from it. */
export const LOAD_DIR_FILES = {
  result: 'load.json',
  report: 'report.html',
  junit: 'junit.xml',
  markdown: 'summary.md',
} as const;

/** Members named in the error, of those missing and of those wrong; the rest are counted. */
const NAMED = 3;

/**
 * Reads `load.json` from a load test's folder. Fails with one line naming the file when
 * it is missing, is not JSON, or is not the result of a load test, with the members that
 * are missing or wrong.
 */
export async function readLoadResult(dir: string): Promise<LoadResult> {
  const path = join(dir, LOAD_DIR_FILES.result);
  const value = parseJson(await readText(path), path);
  const problems = schemaProblems(LoadResultSchema, value);
  if (problems.length === 0) return value as LoadResult;
  throw new TestbedError('ATB_FILE_UNREADABLE', {
    path,
    reason: `it is not the result of a load test (anpr-testbed load --out): ${summary(problems)}`,
  });
}

/** `missing wallMs, harness and 3 more; verdict: Expected union value (got "maybe")`. */
function summary(problems: readonly Problem[]): string {
  const first = new Map<string, string>();
  for (const p of problems) if (!first.has(p.path)) first.set(p.path, p.message);
  const entries = [...first];
  const missing = entries.filter(([, message]) => message.startsWith('Expected required'));
  const wrong = entries.filter(([, message]) => !message.startsWith('Expected required'));
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`missing ${listed(missing.map(([path]) => path))}`);
  parts.push(...wrong.slice(0, NAMED).map(([path, message]) => `${path}: ${message}`));
  if (wrong.length > NAMED) parts.push(`and ${wrong.length - NAMED} more`);
  return parts.join('; ');
}

function listed(names: readonly string[]): string {
  if (names.length <= NAMED) return names.join(', ');
  return `${names.slice(0, NAMED).join(', ')} and ${names.length - NAMED} more`;
}
