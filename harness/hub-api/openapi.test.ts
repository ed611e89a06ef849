import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { isRecord } from '../scenario/document.js';
import { openApiDocument, openApiJson, openApiPath, openApiPathOf } from './openapi.js';
import { PROTOCOL_VERSION } from './protocol.js';
import { ENDPOINTS } from './routes.js';

describe('the OpenAPI document of the Hub API', () => {
  it('is the committed file, byte for byte', () => {
    const committed = readFileSync(openApiPath(), 'utf8');
    const current = openApiJson();

    expect(
      committed,
      'harness/hub-api/openapi.json is out of date with the protocol: run `npm run openapi`',
    ).toBe(current);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(openApiDocument());

    expect(result.errors, JSON.stringify(result.errors, null, 2)).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('has an operation for every endpoint, under the path with braces', () => {
    const doc = openApiDocument();
    const paths = doc.paths as Record<string, Record<string, { operationId: string }>>;

    const found = Object.entries(ENDPOINTS).map(([name, endpoint]) => {
      const operation = paths[openApiPathOf(endpoint.path)]?.[endpoint.method.toLowerCase()];
      return [name, operation?.operationId];
    });

    expect(found).toEqual(Object.keys(ENDPOINTS).map((name) => [name, name]));
    expect(Object.keys(paths)).toContain('/v1/sessions/{sessionId}/reads');
    expect(doc.info).toMatchObject({ title: 'anpr-testbed Hub API', version: PROTOCOL_VERSION });
  });

  it('resolves every reference it makes', () => {
    const text = openApiJson();
    const doc = JSON.parse(text) as unknown;
    const refs = [...text.matchAll(/"\$ref": "#\/([^"]+)"/g)].map((m) => m[1] ?? '');

    const unresolved = refs.filter((pointer) => resolve(doc, pointer) === undefined);

    expect(refs.length).toBeGreaterThan(50);
    expect(unresolved).toEqual([]);
  });

  it('asks for the bearer token everywhere but the health check', () => {
    const paths = openApiDocument().paths as Record<string, Record<string, { security: [] }>>;

    const open = Object.entries(paths).filter(([, ops]) =>
      Object.values(ops).some((op) => op.security.length === 0),
    );

    expect(open.map(([path]) => path)).toEqual(['/health']);
  });
});

function resolve(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const part of pointer.split('/')) node = isRecord(node) ? node[part] : undefined;
  return node;
}
