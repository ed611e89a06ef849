import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeSmallRuns, smallRun } from '../../reports/html/testing.js';
import { profileLoad, removeLoadFolders } from '../../reports/load/testing.js';
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

  it('fails with exit 2 naming the folder to give when given a file of the run', async () => {
    const file = join(dir, 'summary.json');
    const { code, stderr } = await run('report', file);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `anpr-testbed: Cannot read ${file}: it is a file, not a run folder; name the folder ` +
        `that holds it (${dir}) [ATB_FILE_UNREADABLE]\n`,
    );
  });

  it('fails with exit 2 naming the folder and the files it lacks', async () => {
    const empty = join(dir, 'empty');
    await mkdir(empty, { recursive: true });
    const { code, stderr } = await run('report', empty);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `anpr-testbed: Cannot read ${empty}: it holds neither summary.json (written by ` +
        'anpr-testbed run) nor load.json (written by anpr-testbed load) [ATB_FILE_UNREADABLE]\n',
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

describe('anpr-testbed report on a load test', () => {
  let dir: string;
  const files = ['report.html', 'junit.xml', 'summary.md'];

  beforeAll(async () => {
    dir = (await profileLoad()).dir;
  }, 60_000);
  afterAll(removeLoadFolders);

  it('rebuilds the load report, junit.xml and summary.md from load.json', async () => {
    for (const file of files) await rm(join(dir, file));

    const { code, stdout, stderr } = await run('report', dir);

    const paths = files.map((file) => join(dir, file));
    expect({ code, stdout, stderr }).toEqual({
      code: 0,
      stdout: `${paths.join('\n')}\n`,
      stderr: '',
    });
    const page = await readFile(paths[0]!, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<title>PASS: Small night (anpr-testbed load test report)</title>');
    expect(await readFile(paths[1]!, 'utf8')).toContain('<testsuites name="anpr-testbed load test');
    expect(await readFile(paths[2]!, 'utf8')).toContain(`Full report: \`${paths[0]}\``);
  });

  it('writes the report to --out, and the rest beside load.json', async () => {
    const path = join(dir, 'elsewhere.html');
    const { code, stdout } = await run('report', dir, '--out', path);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(path);
    expect(existsSync(path)).toBe(true);
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toContain(`Full report: \`${path}\``);
  });

  it('fails with exit 2 and one line naming a load.json that is not JSON', async () => {
    const broken = join(dir, 'broken');
    await mkdir(broken, { recursive: true });
    const text = await readFile(join(dir, 'load.json'), 'utf8');
    await writeFile(join(broken, 'load.json'), text.slice(0, text.length / 2));

    const { code, stderr } = await run('report', broken);

    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(
      new RegExp(`^anpr-testbed: ${join(broken, 'load.json')} is not valid JSON: .* at line \\d+`),
    );
    expect(stderr).toMatch(/\[ATB_JSON_MALFORMED\]\n$/);
    expect(existsSync(join(broken, 'report.html'))).toBe(false);
  });

  it('fails with exit 2 and one line naming what a load.json lacks', async () => {
    const other = join(dir, 'other');
    await mkdir(other, { recursive: true });
    const result = JSON.parse(await readFile(join(dir, 'load.json'), 'utf8')) as object;
    await writeFile(join(other, 'load.json'), JSON.stringify({ ...result, series: 'none' }));

    const { code, stderr } = await run('report', other);

    expect(code).toBe(2);
    expect(stderr).toBe(
      `anpr-testbed: Cannot read ${join(other, 'load.json')}: it is not the result of a load ` +
        'test (anpr-testbed load --out): series: Expected array (got "none") ' +
        '[ATB_FILE_UNREADABLE]\n',
    );
  });
});
