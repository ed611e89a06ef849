import { join } from 'node:path';
import { isMainModule, rewriteGeneratedFile } from '../generated-file.js';
import { Scenario } from '../../simulator/scenario/schema.js';
import { packageRoot } from '../paths.js';
import { isRecord } from './document.js';
import { formatJson } from './json-text.js';

/**
 * The published JSON Schema of a scenario file, generated from the TypeBox schema
 * the loader checks with, for editors (yaml-language-server) and for other tools.
 * Run as a script, it rewrites `scenarios/scenario.schema.json`; a test keeps the
 * two the same.
 */

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
/** A name, not an address: nothing is served there. */
export const SCENARIO_SCHEMA_ID = 'urn:anpr-testbed:scenario';

export function scenarioJsonSchema(): string {
  const plain = JSON.parse(JSON.stringify(Scenario)) as Record<string, unknown>;
  const schema = {
    $schema: JSON_SCHEMA_DIALECT,
    $id: SCENARIO_SCHEMA_ID,
    title: plain.title,
    ...(relaxDefaults(plain) as Record<string, unknown>),
  };
  return formatJson(schema);
}

export function scenarioSchemaPath(): string {
  return join(packageRoot(), 'scenarios', 'scenario.schema.json');
}

/**
 * The TypeBox schema requires every setting that has a default, because the loader
 * checks a document after filling them. A file may leave them out, so the published
 * schema does not require them.
 */
function relaxDefaults(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(relaxDefaults);
  if (!isRecord(node)) return node;
  const relaxed = Object.entries(node).map(([key, value]) => [key, relaxDefaults(value)]);
  const out = Object.fromEntries(relaxed) as Record<string, unknown>;
  const { properties, required } = node;
  if (!isRecord(properties) || !Array.isArray(required)) return out;
  const still = required.filter((name) => !hasDefault(properties[String(name)]));
  if (still.length > 0) out.required = still;
  else delete out.required;
  return out;
}

function hasDefault(schema: unknown): boolean {
  return isRecord(schema) && 'default' in schema;
}

if (isMainModule(import.meta.url))
  await rewriteGeneratedFile(scenarioSchemaPath(), scenarioJsonSchema);
