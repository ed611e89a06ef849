import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunComparison } from '../../reports/compare.js';
import { removeSmallNights, runInto, smallNight, type TestRun } from '../../reports/testing.js';
import { memoryIo } from './io.js';
import { main } from './main.js';

async function cli(...argv: string[]) {
  const io = memoryIo();
  const code = await main(argv, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

let a: TestRun;
let b: TestRun;
let scenarioDir: string;

beforeAll(async () => {
  const scenario = await smallNight();
  scenarioDir = scenario.dir;
  a = await runInto(scenario, 'a');
  b = await runInto(scenario, 'b', { windowMs: 60 * 60_000 });
});
afterAll(removeSmallNights);

describe('anpr-testbed compare', () => {
  it('prints what changed between two run folders, the changes that matter first', async () => {
    const { code, stdout, stderr } = await cli('compare', a.dir, b.dir);

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 3)).toEqual([
      'Comparing two runs',
      `  A  ${a.dir}: Small night (seed 4242) against anpr-testbed reference hub 0.1.0: PASS`,
      `  B  ${b.dir}: Small night (seed 4242) against anpr-testbed reference hub 0.1.0: PASS`,
    ]);
    expect(stdout).toMatch(/\n\d+ changes that matter\n {2}WORSE +detection\.recall /);
  });

  it('prints the comparison as JSON or as Markdown', async () => {
    const json = await cli('compare', a.dir, b.dir, '--json');
    const markdown = await cli('compare', a.dir, b.dir, '--markdown');
    const result = JSON.parse(json.stdout) as RunComparison;

    expect(json.code).toBe(0);
    expect(result.a.dir).toBe(a.dir);
    expect(result.scores.find((s) => s.key === 'detection.recall')?.direction).toBe('worse');
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toMatch(/^### Comparing two runs: /);
  });

  it('refuses a folder that does not exist, in one line naming it', async () => {
    const missing = join(scenarioDir, 'no-such-run');
    const { code, stderr } = await cli('compare', a.dir, missing);

    expect(code).toBe(2);
    expect(stderr).toBe(
      `anpr-testbed: Cannot read ${missing}: no such folder [ATB_FILE_UNREADABLE]\n`,
    );
  });

  it('refuses a folder with no summary.json, and one whose summary is not JSON', async () => {
    const empty = join(scenarioDir, 'empty');
    const broken = join(scenarioDir, 'broken');
    await mkdir(empty);
    await mkdir(broken);
    await writeFile(join(broken, 'summary.json'), '{ "verdict": ');

    const noSummary = await cli('compare', empty, a.dir);
    const notJson = await cli('compare', a.dir, broken);

    expect(noSummary.code).toBe(2);
    expect(noSummary.stderr).toContain(`Cannot read ${join(empty, 'summary.json')}: no such file`);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/summary\.json is not valid JSON: .* at line 1, column \d+/);
    expect(notJson.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses --json with --markdown', async () => {
    const { code, stderr } = await cli('compare', a.dir, b.dir, '--json', '--markdown');

    expect(code).toBe(2);
    expect(stderr).toContain('--json and --markdown cannot be used together');
  });
});
