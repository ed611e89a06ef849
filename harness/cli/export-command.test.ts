import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EMPTY_NIGHT, scenarioFile } from '../runner/testing.js';
import { memoryIo } from './io.js';
import { main } from './main.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function scenario(text?: string): Promise<{ dir: string; path: string }> {
  const made = await scenarioFile(text);
  dirs.push(made.dir);
  return made;
}

async function run(args: string[]) {
  const io = memoryIo();
  const code = await main(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe('anpr-testbed export k6', () => {
  it('writes the shards, script, TestRun and README, and says what it wrote', async () => {
    const { dir, path } = await scenario();
    const out = join(dir, 'k6');
    const args = ['export', 'k6', path, '--out', out, '--shards', '2', '--max-reads', '300'];
    const { code, stdout, stderr } = await run([...args, '--rate-scale', '30']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Small night \(seed 4242\): 300 reads in [\d,]+ requests of at most 25 reads, 2 shards$/m,
    );
    expect(stdout).toMatch(/^k6 test: \d+ min at 30x \(ramping-arrival-rate\), busiest minute/m);
    expect(stdout).toMatch(/^Wrote [\d.]+ MB to .*k6: reads-1-of-2\.json, reads-2-of-2\.json/m);
    expect((await readdir(out)).sort()).toEqual([
      'README.md',
      'cameras.json',
      'hotlist.json',
      'k6-operator.yaml',
      'reads-1-of-2.json',
      'reads-2-of-2.json',
      'script.js',
    ]);
  });

  const hawk = ['export', 'k6', 'scenarios/hawk-night.yaml'];
  it.each([
    [
      ['export', 'jmeter'],
      'Cannot export to "jmeter": the export targets are k6 [ATB_EXPORT_TARGET_UNKNOWN]',
    ],
    [
      ['export', 'k6'],
      'export k6 needs a scenario file, such as scenarios/hawk-night.yaml [ATB_CLI_USAGE]',
    ],
    [
      ['export', 'k6', 'no/such/scenario.yaml', '--out', '/tmp/never'],
      'File not found: no/such/scenario.yaml [ATB_FILE_NOT_FOUND]',
    ],
    [
      [...hawk, '--out', '/tmp/never', '--shards', '0'],
      'Invalid export option --shards: expected a whole number from 1 to 1000, got 0 ' +
        '[ATB_EXPORT_OPTION_INVALID]',
    ],
    [
      [...hawk, '--out', '/tmp/never', '--batch', 'ten'],
      '--batch takes a number; got "ten" [ATB_CLI_USAGE]',
    ],
    [
      [...hawk, '--out', '/tmp/never', '--rate-scale', '-2'],
      'Invalid export option --rate-scale: expected a number above 0 and at most 3600, ' +
        'got -2 [ATB_EXPORT_OPTION_INVALID]',
    ],
    [
      [...hawk, '--out', '/tmp/never', '--hub-url', 'hub:8080'],
      'Invalid export option --hub-url: expected an http or https URL such as ' +
        'http://hub:8080, got "hub:8080" [ATB_EXPORT_OPTION_INVALID]',
    ],
    [hawk, 'export k6 needs --out, the folder to write the test into [ATB_CLI_USAGE]'],
  ])('refuses %j in one line with exit 2', async (args, message) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`anpr-testbed: ${message}\n`);
    expect(existsSync('/tmp/never')).toBe(false);
  });

  it('refuses --hours beyond the window', async () => {
    const { dir, path } = await scenario();
    const { code, stderr } = await run(['export', 'k6', path, '--out', dir, '--hours', '3']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      "anpr-testbed: Invalid export option --hours: expected at most the scenario's 2 hours, " +
        'got 3 [ATB_EXPORT_OPTION_INVALID]\n',
    );
  });

  it('refuses a window with no reads in one line, and writes nothing', async () => {
    const { dir, path } = await scenario(EMPTY_NIGHT);
    const out = join(dir, 'k6');
    const { code, stderr } = await run(['export', 'k6', path, '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `anpr-testbed: Nothing to export: ${path} has no reads from 2026-11-12T21:00:00.000Z ` +
        'to 2026-11-12T22:00:00.000Z [ATB_EXPORT_NO_READS]\n',
    );
    expect(existsSync(out)).toBe(false);
  });
});
