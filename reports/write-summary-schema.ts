import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isTestbedError, TestbedError } from '../simulator/errors.js';
import { packageRoot } from '../harness/paths.js';
import { formatJson } from '../harness/scenario/json-text.js';
import { JSON_SCHEMA_DIALECT } from '../harness/scenario/write-schema.js';
import { RunSummarySchema } from './summary-schema.js';

/**
 * The published JSON Schema of `summary.json`, generated from the TypeBox schemas,
 * for tools that read run results (dashboards, CI steps). Run as a script (`npm run
 * summary-schema`), it rewrites `reports/summary.schema.json`; a test keeps the two
 * the same.
 */

/** A name, not an address: nothing is served there. */
export const SUMMARY_SCHEMA_ID = 'urn:anpr-testbed:run-summary';

export function summaryJsonSchema(): string {
  const plain = JSON.parse(JSON.stringify(RunSummarySchema)) as Record<string, unknown>;
  return formatJson({
    $schema: JSON_SCHEMA_DIALECT,
    $id: SUMMARY_SCHEMA_ID,
    title: 'anpr-testbed run summary',
    ...plain,
  });
}

export function summarySchemaPath(): string {
  return join(packageRoot(), 'reports', 'summary.schema.json');
}

async function writeSummarySchema(path: string): Promise<void> {
  try {
    await writeFile(path, summaryJsonSchema(), 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new TestbedError('ATB_FILE_UNWRITABLE', { path, reason });
  }
}

function runAsMain(): boolean {
  const script = process.argv[1];
  return script !== undefined && import.meta.url === pathToFileURL(script).href;
}

if (runAsMain()) {
  const path = summarySchemaPath();
  try {
    await writeSummarySchema(path);
    process.stdout.write(`Wrote ${path}\n`);
  } catch (err) {
    if (!isTestbedError(err)) throw err;
    process.stderr.write(`anpr-testbed: ${err.message} [${err.code}]\n`);
    process.exitCode = err.exitCode;
  }
}
