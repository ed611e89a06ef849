import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDateTime } from '../harness/hub-api/formats.js';
import { RUN_DIR_FILES } from './run-dir.js';
import { removeSmallNights, runInto, smallNight } from './testing.js';
import { summaryJsonSchema, summarySchemaPath } from './write-summary-schema.js';

const published = JSON.parse(readFileSync(summarySchemaPath(), 'utf8')) as Record<string, unknown>;

/** A standard JSON Schema validator (draft 2020-12), strict about unknown keywords. */
const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
ajv.addFormat('date-time', isDateTime);
const validate = ajv.compile(published);

function schemaErrors(doc: unknown): string[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.keyword}`);
}

let written: Record<string, unknown>;

beforeAll(async () => {
  const scenario = await smallNight('thresholds:\n  detection.recall: { min: 0.5 }\n');
  const run = await runInto(scenario, 'run');
  written = JSON.parse(readFileSync(`${run.dir}/${RUN_DIR_FILES.summary}`, 'utf8')) as Record<
    string,
    unknown
  >;
});
afterAll(removeSmallNights);

describe('the published schema of summary.json', () => {
  it('is the committed file, byte for byte', () => {
    expect(
      readFileSync(summarySchemaPath(), 'utf8'),
      'reports/summary.schema.json is out of date with the summary: run `npm run summary-schema`',
    ).toBe(summaryJsonSchema());
  });

  it('declares its dialect and identity', () => {
    expect(published).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'urn:anpr-testbed:run-summary',
      title: 'anpr-testbed run summary',
      additionalProperties: false,
    });
  });

  it("accepts a real run's summary.json", () => {
    expect(schemaErrors(written)).toEqual([]);
    expect(written.thresholds).toHaveLength(1);
  });

  it('rejects a summary with an unknown member, a missing score or a wrong verdict', () => {
    const detection = { ...(written.detection as Record<string, unknown>) };
    delete detection.recall;
    const broken = { ...written, verdict: 'maybe', colour: 'red', detection };

    const errors = schemaErrors(broken);

    expect(errors).toContain('/ additionalProperties');
    expect(errors).toContain('/detection required');
    expect(errors.some((e) => e.startsWith('/verdict '))).toBe(true);
  });

  it('takes any category in the by-category maps but fixes the reasons', () => {
    const detection = written.detection as Record<string, Record<string, unknown>>;
    const withCategory = {
      ...written,
      detection: {
        ...detection,
        recallByCategory: { 'new-category': { opportunities: 1, detected: 0, recall: 0 } },
        falseAlertsByReason: { ...detection.falseAlertsByReason, guess: 1 },
      },
    };

    expect(schemaErrors(withCategory)).toEqual([
      '/detection/falseAlertsByReason additionalProperties',
    ]);
  });
});
