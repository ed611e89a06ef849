import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestbedError } from '../../simulator/errors.js';
import { packageRoot } from '../paths.js';
import { loadDriverModule } from './load-driver.js';
import { startFaultyHub } from './testing/faulty-hub.js';
import { CAMERAS, sessionRequest } from './testing/messages.js';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anpr-driver-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const BUILT = join(packageRoot(), 'dist', 'harness', 'hub-api');
const BUILT_LOADER = join(BUILT, 'load-driver.js');
const SYNTAX_ERROR = 'export default function () {\n  return {,};\n}\n';
const run = promisify(execFile);

const METHODS = ['info', 'start', 'cameras', 'hotlist', 'reads', 'units', 'advance', 'events'];
const GOOD_DRIVER = `
export default function createDriver(options) {
  const driver = { target: 'fake:' + options.url, end: async () => {}, close: async () => {} };
  for (const name of ${JSON.stringify(METHODS)}) driver[name] = async () => name;
  return driver;
}
`;

async function moduleFile(name: string, text: string): Promise<string> {
  await writeFile(join(dir, name), text, 'utf8');
  return name;
}

async function loadError(file: string): Promise<TestbedError> {
  const outcome = await loadDriverModule(file, {}, dir).then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(outcome instanceof TestbedError)) throw new Error(`Expected a TestbedError`);
  return outcome;
}

describe('loading a driver module', () => {
  it('calls the default export with the options and returns its driver', async () => {
    const file = await moduleFile('good.mjs', GOOD_DRIVER);

    const driver = await loadDriverModule(file, { url: 'http://hub', token: 't' }, dir);

    expect(driver.target).toBe('fake:http://hub');
    await expect(driver.reads({ sentAt: '', reads: [] })).resolves.toBe('reads');
  });

  it('says the file does not exist', async () => {
    const err = await loadError('missing.mjs');

    expect(err.code).toBe('ATB_DRIVER_NOT_FOUND');
    expect(err.message).toBe(`Driver module ${join(dir, 'missing.mjs')} does not exist`);
  });

  it.each([
    ['no-default.mjs', 'export const createDriver = () => ({});', 'it has no default export'],
    [
      'not-function.mjs',
      'export default { info() {} };',
      'its default export is not a function (got an object)',
    ],
    [
      'lacking.mjs',
      GOOD_DRIVER.replace('"reads",', '').replace(',"advance"', ''),
      'the driver lacks reads(), advance()',
    ],
    [
      'no-target.mjs',
      GOOD_DRIVER.replace("target: 'fake:' + options.url, ", ''),
      'the driver lacks target (a string)',
    ],
    [
      'returns-nothing.mjs',
      'export default function () {}',
      'its default export returned undefined, not a driver',
    ],
  ])('names what is wrong with %s', async (name, text, reason) => {
    const file = await moduleFile(name, text);

    const err = await loadError(file);

    expect(err.code).toBe('ATB_DRIVER_INVALID');
    expect(err.message).toBe(`Driver module ${join(dir, name)} is not usable: ${reason}`);
  });

  it('gives the first line of a syntax error, not a stack trace', async () => {
    const file = await moduleFile('syntax.mjs', SYNTAX_ERROR);

    const err = await loadError(file);

    expect(err.code).toBe('ATB_DRIVER_INVALID');
    expect(err.message).toMatch(/is not usable: it does not load: \w+: .*Unexpected token/);
    expect(err.message).not.toContain('\n');
  });

  // Vitest loads modules through its own transformer; Node names the error itself.
  it.skipIf(!existsSync(BUILT_LOADER))('names a syntax error as Node reports it', async () => {
    await moduleFile('syntax-node.mjs', SYNTAX_ERROR);
    const script =
      `import { loadDriverModule } from ${JSON.stringify(pathToFileURL(BUILT_LOADER).href)};\n` +
      `await loadDriverModule('syntax-node.mjs', {}, ${JSON.stringify(dir)})` +
      `.catch((err) => process.stdout.write(err.message));`;

    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      timeout: 30_000,
    });

    expect(stdout).toBe(
      `Driver module ${join(dir, 'syntax-node.mjs')} is not usable: ` +
        "it does not load: SyntaxError: Unexpected token ','",
    );
  });

  it('reports a factory that throws as a driver that failed to start', async () => {
    const file = await moduleFile(
      'throws.mjs',
      'export default () => { throw new Error("no hub configured"); };',
    );

    const err = await loadError(file);

    expect(err.code).toBe('ATB_DRIVER_FAILED');
    expect(err.message).toContain('failed to create a driver: Error: no hub configured');
  });
});

const EXAMPLE = join(packageRoot(), 'examples', 'drivers', 'http-logging-driver.mjs');
const BUILT_DRIVER = join(BUILT, 'http-driver.js');

describe('the example HTTP logging driver', () => {
  // These import the compiled harness, which exists only after `npm run build`.
  it.skipIf(!existsSync(BUILT_DRIVER))('drives a hub and logs each call', async () => {
    const hub = await startFaultyHub();
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((text) => {
      lines.push(String(text));
      return true;
    });
    try {
      const driver = await loadDriverModule(EXAMPLE, { url: hub.url, token: hub.token });
      await driver.start(sessionRequest());
      await driver.cameras(CAMERAS);
      await driver.close();
    } finally {
      spy.mockRestore();
      await hub.close();
    }

    expect(hub.calls).toMatchObject({ startSession: 1, cameras: 1 });
    expect(lines.map((l) => l.replace(/\(\d+\.\d ms\)/, '(t)'))).toEqual([
      '[hub-driver] start run-1: 2026-11-12T21:00:00.000Z (t)\n',
      '[hub-driver] cameras 1 site: done (t)\n',
      '[hub-driver] close: done (t)\n',
    ]);
  });
});
