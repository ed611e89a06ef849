import { rewriteGeneratedFile } from '../generated-file.js';
import { openApiJson, openApiPath } from './openapi.js';

/** `npm run openapi`: rewrites the published OpenAPI document of the Hub API. */

await rewriteGeneratedFile(openApiPath(), openApiJson);
