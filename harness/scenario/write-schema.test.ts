import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../paths.js';
import { isRecord } from './document.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseScenarioYaml } from './load.js';
import { scenarioJsonSchema, scenarioSchemaPath } from './write-schema.js';

const SCENARIOS = join(packageRoot(), 'scenarios');
const published = JSON.parse(readFileSync(scenarioSchemaPath(), 'utf8')) as Record<string, unknown>;

/** A standard JSON Schema validator (draft 2020-12), strict about unknown keywords. */
const validate = new Ajv2020({ allErrors: true, strict: true, strictTypes: false }).compile(
  published,
);

function jsonSchemaErrors(doc: unknown): string[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.keyword}`);
}

function yamlDocument(file: string): unknown {
  const path = join(SCENARIOS, file);
  return parseScenarioYaml(readFileSync(path, 'utf8'), path);
}

/** Every property name declared anywhere in a schema. */
function settingNames(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((s) => settingNames(s, into));
  if (!isRecord(schema)) return into;
  if (isRecord(schema.properties)) Object.keys(schema.properties).forEach((k) => into.add(k));
  for (const [key, value] of Object.entries(schema)) {
    if (key !== 'default') settingNames(value, into);
  }
  return into;
}

describe('the published scenario schema', () => {
  it('is the committed file, byte for byte', () => {
    expect(readFileSync(scenarioSchemaPath(), 'utf8')).toBe(scenarioJsonSchema());
  });

  it('declares its dialect and identity and requires only name, seed and window', () => {
    expect(published).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'urn:anpr-testbed:scenario',
      title: 'anpr-testbed scenario',
      required: ['name', 'seed', 'window'],
    });
  });

  it.each(readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')))('%s passes it', (file) => {
    expect(jsonSchemaErrors(yamlDocument(file))).toEqual([]);
  });

  it('rejects an unknown setting, a wrong kind and a missing window', () => {
    const doc = {
      name: 'Bad',
      seed: 1,
      colour: 'red',
      cameras: { kinds: ['fixed', 'drone'] },
    };
    const errors = jsonSchemaErrors(doc);
    expect(errors).toContain('/ required');
    expect(errors).toContain('/ additionalProperties');
    expect(errors.some((e) => e.startsWith('/cameras/kinds/1 '))).toBe(true);
  });

  it('is described setting by setting in the README', () => {
    const readme = readFileSync(join(SCENARIOS, 'README.md'), 'utf8');
    const missing = [...settingNames(published)].filter(
      (name) => name !== '$schema' && !readme.includes(`\`${name}\``),
    );
    expect(missing).toEqual([]);
  });
});
