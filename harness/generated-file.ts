import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { isTestbedError, TestbedError } from '../simulator/errors.js';

/**
 * Files the project generates from its own schemas (the scenario and summary JSON
 * Schemas, the Hub API's OpenAPI document) and keeps committed, each with a test that
 * the committed copy is current and a script that rewrites it.
 */

/** Writes a generated file, naming it when it cannot be written. */
export async function writeGeneratedFile(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new TestbedError('ATB_FILE_UNWRITABLE', { path, reason });
  }
}

/** Whether the module at `moduleUrl` is the script node was started with. */
export function isMainModule(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && moduleUrl === pathToFileURL(script).href;
}

/**
 * The whole of a rewriting script: writes the file and says where, or says why not
 * as the CLI would and sets the exit status.
 */
export async function rewriteGeneratedFile(path: string, text: () => string): Promise<void> {
  try {
    await writeGeneratedFile(path, text());
    process.stdout.write(`Wrote ${path}\n`);
  } catch (err) {
    if (!isTestbedError(err)) throw err;
    process.stderr.write(`anpr-testbed: ${err.message} [${err.code}]\n`);
    process.exitCode = err.exitCode;
  }
}
