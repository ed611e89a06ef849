import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeSmallRuns, smallRun } from '../../reports/html/testing.js';
import { memoryIo } from './io.js';
import { main } from './main.js';

async function run(...argv: string[]) {
  const io = memoryIo();
  const code = await main(argv, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe('anpr-testbed report', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await smallRun();
  }, 120_000);
  afterAll(removeSmallRuns);

  it("rebuilds the report in the run's folder and prints where it went", async () => {
    const path = join(dir, 'report.html');
    await rm(path, { force: true });

    const { code, stdout, stderr } = await run('report', dir);

    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: `${path}\n`, stderr: '' });
    const page = await readFile(path, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<title>PASS: Small night (anpr-testbed run report)</title>');
  });

  it('writes the report to --out', async () => {
    const path = join(dir, 'elsewhere.html');
    const { code, stdout } = await run('report', dir, '--out', path);
    expect(code).toBe(0);
    expect(stdout).toBe(`${path}\n`);
    expect(existsSync(path)).toBe(true);
  });

  it('fails with exit 2 and one line naming a folder that does not exist', async () => {
    const missing = join(dir, 'no-such-run');
    const { code, stderr } = await run('report', missing);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `anpr-testbed: Cannot read ${missing}: there is no such folder [ATB_FILE_UNREADABLE]\n`,
    );
  });

  it('fails with exit 2 naming the missing file of a folder that holds no run', async () => {
    const empty = join(dir, 'empty');
    await mkdir(empty, { recursive: true });
    const { code, stderr } = await run('report', empty);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `anpr-testbed: File not found: ${join(empty, 'summary.json')} [ATB_FILE_NOT_FOUND]\n`,
    );
  });

  it('fails with exit 2 when the run never finished (its log has no series)', async () => {
    const unfinished = join(dir, 'unfinished');
    await mkdir(unfinished, { recursive: true });
    await writeFile(join(unfinished, 'summary.json'), await readFile(join(dir, 'summary.json')));
    await writeFile(join(unfinished, 'run-log.ndjson'), '{"kind":"run"}\n');
    const { code, stderr } = await run('report', unfinished);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(join(unfinished, 'run-log.ndjson'));
    expect(stderr).toContain('it has no series line; the run did not finish');
  });
});
