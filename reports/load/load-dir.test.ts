import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTestbedError, type TestbedError } from '../../simulator/errors.js';
import { readLoadResult } from './load-dir.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atb-load-dir-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function failure(text: string | null): Promise<TestbedError> {
  const folder = await mkdtemp(join(dir, 'case-'));
  if (text !== null) await writeFile(join(folder, 'load.json'), text);
  const err: unknown = await readLoadResult(folder).catch((e: unknown) => e);
  if (!isTestbedError(err)) throw new Error(`expected a TestbedError, got ${String(err)}`);
  return err;
}

describe('reading load.json', () => {
  it('names the file when there is none', async () => {
    const err = await failure(null);
    expect(err.code).toBe('ATB_FILE_NOT_FOUND');
    expect(err.message).toMatch(/^File not found: .*\/load\.json$/);
  });

  it('names the file and where its JSON breaks', async () => {
    const err = await failure('{"kind": "anpr-testbed/load",\n  "version": 1,\n');
    expect(err.code).toBe('ATB_JSON_MALFORMED');
    expect(err.message).toMatch(/load\.json is not valid JSON: .* at line 3, column \d+$/);
  });

  it('names the members that are wrong in JSON that is not a load test result', async () => {
    const err = await failure('{"kind": "anpr-testbed/load", "version": 1, "verdict": "maybe"}');
    expect(err.code).toBe('ATB_FILE_UNREADABLE');
    expect(err.message.split('\n')).toHaveLength(1);
    expect(err.message).toMatch(/^Cannot read .*\/load\.json: it is not the result of a load/);
    expect(err.message).toContain('(anpr-testbed load --out): ');
    expect(err.message).toContain(': missing startedAt, wallMs, harness and ');
    expect(err.message).toMatch(/; verdict: .* \(got "maybe"\)$/);
  });

  it('refuses a run’s summary put in its place', async () => {
    const err = await failure('{"verdict": "pass", "scenario": {"name": "x"}}');
    expect(err.code).toBe('ATB_FILE_UNREADABLE');
    expect(err.message).toContain('kind');
  });
});
