import { join } from 'node:path';
import { isMainModule, rewriteGeneratedFile } from '../harness/generated-file.js';
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

if (isMainModule(import.meta.url))
  await rewriteGeneratedFile(summarySchemaPath(), summaryJsonSchema);
