/**
 * A load test's reports, made from its `load.json` as a run's are from its summary: the
 * HTML report with charts, JUnit XML for CI and a short Markdown summary.
 */
export { loadJunitXml } from './junit.js';
export { LOAD_DIR_FILES, readLoadResult } from './load-dir.js';
export { loadMarkdown } from './markdown.js';
export { renderLoadReport } from './render.js';
export { rebuildLoadReports, writeLoadReports, type LoadReportFiles } from './write.js';
