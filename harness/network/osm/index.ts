export { importOsmPbf } from './import.js';
export { speedLimitMphFromTag } from './tags.js';
export type { OsmImportOptions, OsmImportProgress, OsmImportSummary } from './types.js';
