import type { LoadResult } from '../../harness/load/result.js';
import { moment } from '../html/format.js';
import { markup, type Html } from '../html/html.js';
import { reportPage } from '../html/page.js';
import { STYLE } from '../html/style.js';
import { checksAndThresholds } from './checks.js';
import { testFacts } from './facts.js';
import { latencyFigures, rateFigure, saturationFigures } from './figures.js';
import { keyFigures, testName, verdictBanner } from './header.js';
import { notesList, readsSection } from './sections.js';

/** The sections in page order, with their headings; the search's only when there was one. */
export const LOAD_SECTIONS = [
  ['checks', 'Checks and thresholds'],
  ['test', 'The test'],
  ['saturation', 'Saturation search'],
  ['rate', 'Rate over time'],
  ['latency', 'Latency'],
  ['reads', 'Reads, errors and the schedule'],
  ['notes', 'Notes'],
] as const;

type SectionId = (typeof LOAD_SECTIONS)[number][0];

/** The run report's style, and the verdict kept on one line beside a long reason. */
const LOAD_STYLE = `${STYLE}.verdict .word { white-space: nowrap; }
`;

/** The sections this result has, in order. */
export function sectionsOf(r: LoadResult): (typeof LOAD_SECTIONS)[number][] {
  return LOAD_SECTIONS.filter(([id]) => id !== 'saturation' || r.saturation !== null);
}

/**
 * A load test's report as one HTML file that needs nothing else, like a run's: no script,
 * nothing fetched, the charts inline SVG drawn here by Vega. `dir` is the folder the test
 * wrote into, named in the command that runs it again. The same `load.json` and folder
 * always give the same file.
 */
export async function renderLoadReport(r: LoadResult, dir: string): Promise<string> {
  const bodies = await sectionBodies(r, dir);
  const verdict = r.verdict === 'pass' ? 'PASS' : 'FAIL';
  return reportPage({
    title: `${verdict}: ${testName(r)} (anpr-testbed load test report)`,
    style: LOAD_STYLE,
    header: header(r),
    sections: sectionsOf(r).map(([id, title]) => [id, title, bodies[id]] as const),
    madeBy: r.harness,
    madeFrom: `the load test folder ${dir}`,
  });
}

function header(r: LoadResult): Html {
  const contents = sectionsOf(r).map(
    ([id, title]) => markup`<li><a href="#${id}">${title}</a></li>`,
  );
  const hub = r.hub.name === null ? 'a hub that never answered' : r.hub.name;
  return markup`<header id="top">
<h1>Load test report: ${testName(r)}</h1>
<p class="subtitle">${hub} · seed ${r.scenario.seed} · ${r.settings.description} ·
started ${moment(r.startedAt)}</p>
${verdictBanner(r)}
${keyFigures(r)}
<nav aria-label="Contents"><ol>${contents}</ol></nav>
</header>`;
}

async function sectionBodies(r: LoadResult, dir: string): Promise<Record<SectionId, Html>> {
  return {
    checks: checksAndThresholds(r),
    test: testFacts(r, dir),
    saturation: r.saturation ? await saturationFigures(r, r.saturation) : markup``,
    rate: await rateFigure(r),
    latency: await latencyFigures(r),
    reads: readsSection(r),
    notes: notesList(r),
  };
}
