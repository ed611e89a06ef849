import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding the project's package.json, found by walking up from this file, so
 * that paths work the same from the TypeScript sources and from the compiled `dist/`.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('anpr-testbed: cannot find its own package.json');
    dir = parent;
  }
  return dir;
}

export function bundledNetworkDir(): string {
  return join(packageRoot(), 'fixtures', 'north-yorkshire');
}

/** The scenario `npm start` runs: a night of cross-border offending. */
export function defaultScenarioPath(): string {
  return join(packageRoot(), 'scenarios', 'hawk-night.yaml');
}
