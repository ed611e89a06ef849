import type { LoadedRun } from '../run-dir.js';
import { activityFigures, funnelFigure, mapFigures, timelineFigure } from './figures.js';
import { moment } from './format.js';
import { checksAndThresholds } from './checks.js';
import { runFacts } from './facts.js';
import { keyFigures, verdictBanner } from './header.js';
import { markup, type Html } from './html.js';
import { reportPage } from './page.js';
import {
  detectionTables,
  faultTables,
  journeySection,
  notesList,
  responseTables,
} from './sections.js';
import { STYLE } from './style.js';

/** The sections in page order, with their headings. */
export const SECTIONS = [
  ['checks', 'Checks and thresholds'],
  ['run', 'The run'],
  ['activity', 'Reads and alerts over time'],
  ['detection', 'Detection'],
  ['offenders', 'Offender journeys'],
  ['map', 'Map'],
  ['response', 'Dispatches and stops'],
  ['faults', 'Hub faults'],
  ['notes', 'Notes'],
] as const;

type SectionId = (typeof SECTIONS)[number][0];

/**
 * A run's report as one HTML file that needs nothing else: no script, and no stylesheet,
 * font or picture from anywhere; the charts and the maps are inline SVG drawn here by Vega.
 * The same run folder always gives the same file.
 */
export async function renderReport(run: LoadedRun): Promise<string> {
  const s = run.summary;
  const bodies = await sectionBodies(run);
  const verdict = s.verdict === 'pass' ? 'PASS' : 'FAIL';
  return reportPage({
    title: `${verdict}: ${s.scenario.name} (anpr-testbed run report)`,
    style: STYLE,
    header: header(run),
    sections: SECTIONS.map(([id, title]) => [id, title, bodies[id]] as const),
    madeBy: s.harness,
    madeFrom: `the run folder ${run.dir}`,
  });
}

function header(run: LoadedRun): Html {
  const s = run.summary;
  const { start, end } = s.scenario.window;
  const contents = SECTIONS.map(([id, title]) => markup`<li><a href="#${id}">${title}</a></li>`);
  return markup`<header id="top">
<h1>Run report: ${s.scenario.name}</h1>
<p class="subtitle">${s.hub.name ?? 'an unreachable hub'} · seed ${s.scenario.seed} ·
${moment(start)} to ${moment(end)}</p>
${verdictBanner(s)}
${keyFigures(s)}
<nav aria-label="Contents"><ol>${contents}</ol></nav>
</header>`;
}

async function sectionBodies(run: LoadedRun): Promise<Record<SectionId, Html>> {
  const { summary: s, series } = run;
  return {
    checks: checksAndThresholds(s),
    run: runFacts(s, run.dir),
    activity: await activityFigures(run),
    detection: markup`${await funnelFigure(run)}
${detectionTables(s, series)}`,
    offenders: markup`${await timelineFigure(run)}
${journeySection(s)}`,
    map: await mapFigures(run),
    response: responseTables(s),
    faults: faultTables(s),
    notes: notesList(s),
  };
}
