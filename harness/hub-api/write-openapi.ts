import { isTestbedError } from '../../simulator/errors.js';
import { openApiPath, writeOpenApi } from './openapi.js';

/** `npm run openapi`: rewrites the published OpenAPI document of the Hub API. */

const path = openApiPath();
try {
  await writeOpenApi(path);
  process.stdout.write(`Wrote ${path}\n`);
} catch (err) {
  if (!isTestbedError(err)) throw err;
  process.stderr.write(`anpr-testbed: ${err.message} [${err.code}]\n`);
  process.exitCode = err.exitCode;
}
