import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestbedError } from '../../simulator/errors.js';
import { isRecord } from '../scenario/document.js';
import type { DriverOptions, HubDriver } from './driver.js';

/**
 * Loads a driver module named on the command line: a JavaScript file whose default
 * export makes a `HubDriver` (see driver.ts). Everything that can be wrong with the
 * file is told in one line that names it, because the person reading it wrote the
 * module, not the harness.
 */

const REQUIRED_METHODS = [
  'info',
  'start',
  'cameras',
  'hotlist',
  'reads',
  'units',
  'advance',
  'events',
  'end',
  'close',
] as const satisfies readonly (keyof HubDriver)[];

export async function loadDriverModule(
  file: string,
  options: DriverOptions,
  cwd = process.cwd(),
): Promise<HubDriver> {
  const path = resolve(cwd, file);
  await checkIsFile(path);
  const factory = defaultExport(await importModule(path), path);
  let driver: unknown;
  try {
    driver = await (factory as (options: DriverOptions) => unknown)(options);
  } catch (err) {
    throw new TestbedError('ATB_DRIVER_FAILED', { path, reason: firstLine(err) }, { cause: err });
  }
  return checkDriver(driver, path);
}

async function checkIsFile(path: string): Promise<void> {
  const stats = await stat(path).catch(() => undefined);
  if (!stats) throw new TestbedError('ATB_DRIVER_NOT_FOUND', { path });
  if (!stats.isFile()) invalid(path, 'it is a directory, not a file');
}

async function importModule(path: string): Promise<unknown> {
  try {
    return (await import(pathToFileURL(path).href)) as unknown;
  } catch (err) {
    return invalid(path, `it does not load: ${firstLine(err)}`, err);
  }
}

function defaultExport(module: unknown, path: string): unknown {
  const factory = isRecord(module) ? module.default : undefined;
  if (factory === undefined) invalid(path, 'it has no default export');
  if (typeof factory !== 'function') {
    invalid(path, `its default export is not a function (got ${kindOf(factory)})`);
  }
  return factory;
}

function checkDriver(driver: unknown, path: string): HubDriver {
  if (!isRecord(driver)) {
    invalid(path, `its default export returned ${kindOf(driver)}, not a driver`);
  }
  const missing: string[] = REQUIRED_METHODS.filter((m) => typeof driver[m] !== 'function').map(
    (m) => `${m}()`,
  );
  if (typeof driver.target !== 'string') missing.push('target (a string)');
  if (missing.length > 0) invalid(path, `the driver lacks ${missing.join(', ')}`);
  return driver as unknown as HubDriver;
}

/**
 * The error's first line: a syntax error's name and message, without the stack. A
 * first line that ends in a colon only announces the next, so that one is added.
 */
function firstLine(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  const [first = '', second = ''] = text.split('\n');
  return first.endsWith(':') && second !== '' ? `${first} ${second}` : first;
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  const kind = Array.isArray(value) ? 'array' : typeof value;
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

function invalid(path: string, reason: string, cause?: unknown): never {
  throw new TestbedError('ATB_DRIVER_INVALID', { path, reason }, { cause });
}
