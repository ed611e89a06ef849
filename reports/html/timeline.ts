import type { TopLevelSpec } from 'vega-lite';
import type { RunSummary } from '../../harness/scoring/summary.js';
import { JOURNEY_EVENT, OUTCOME, OUTCOME_DASHES } from './palette.js';
import { CHART_WIDTH } from './vega.js';

type Journey = RunSummary['journeys'][number];

/**
 * Each offender journey's row label: its group and target, numbered when a group goes to
 * the same target more than once.
 */
export function journeyLabels(journeys: readonly Journey[]): string[] {
  const seen = new Map<string, number>();
  return journeys.map((j) => {
    const label = `${j.group} → ${j.target}`;
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    return n === 1 ? label : `${label} (${n})`;
  });
}

/** Journeys in the order they set out. */
export function byDeparture(journeys: readonly Journey[]): Journey[] {
  return [...journeys].sort((a, b) => Date.parse(a.departAt) - Date.parse(b.departAt));
}

function events(j: Journey, row: string) {
  const moments: [number, string | null][] = [
    [0, j.departAt],
    [1, j.firstAlertAt],
    [2, j.offenceAt],
    [3, j.interceptedAt],
    [4, j.interceptedAt === null ? j.homeAt : null],
  ];
  return moments
    .filter((m): m is [number, string] => m[1] !== null)
    .map(([i, at]) => ({ row, event: JOURNEY_EVENT.labels[i], at: Date.parse(at) }));
}

function endOf(j: Journey): number {
  return Date.parse(j.interceptedAt ?? j.homeAt);
}

function outcomeText(j: Journey): string {
  if (j.outcome === 'not-intercepted') return 'not intercepted';
  return `stopped by ${j.interceptedBy ?? 'a unit'}`;
}

type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

const X = {
  type: 'temporal',
  title: 'time (UTC)',
  scale: { type: 'utc' },
  axis: { format: '%H:%M', tickCount: 12 },
} as const;

/** Each journey's line, by outcome, and how it ended written at its end. */
function spanLayers(journeys: readonly Journey[], rows: readonly string[]): Layer[] {
  const spans = journeys.map((j, i) => ({
    row: rows[i],
    start: Date.parse(j.departAt),
    end: endOf(j),
    outcome: OUTCOME.labels[OUTCOME.domain.indexOf(j.outcome)],
    note: outcomeText(j),
  }));
  const y = rowAxis(rows);
  const outcome = (range: unknown[]) => ({
    field: 'outcome',
    type: 'nominal' as const,
    scale: { domain: OUTCOME.labels, range },
    legend: null,
  });
  const line: Layer = {
    data: { values: spans },
    mark: { type: 'rule', strokeWidth: 3 },
    encoding: {
      x: { ...X, field: 'start' },
      x2: { field: 'end' },
      y,
      color: outcome(OUTCOME.colours),
      strokeDash: outcome(OUTCOME_DASHES),
    },
  };
  const note: Layer = {
    data: { values: spans },
    mark: { type: 'text', align: 'left', dx: 12, fontSize: 10 },
    encoding: { x: { ...X, field: 'end' }, y, text: { field: 'note' } },
  };
  return [line, note];
}

/** The moments of each journey, told apart by shape and colour. */
function momentLayer(journeys: readonly Journey[], rows: readonly string[]): Layer {
  const moment = (range: string[]) => ({
    field: 'event',
    type: 'nominal' as const,
    title: 'moment',
    scale: { domain: JOURNEY_EVENT.labels, range },
  });
  return {
    data: { values: journeys.flatMap((j, i) => events(j, rows[i]!)) },
    mark: { type: 'point', filled: true, size: 90, stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x: { ...X, field: 'at' },
      y: rowAxis(rows),
      shape: moment(JOURNEY_EVENT.shapes),
      color: moment(JOURNEY_EVENT.colours),
    },
  };
}

function rowAxis(rows: readonly string[]) {
  return { field: 'row', type: 'nominal', title: null, sort: [...rows] } as const;
}

/** The scenario's window as a shaded band behind the journeys. */
function windowLayer(summary: RunSummary): Layer {
  const { start, end } = summary.scenario.window;
  return {
    data: { values: [{ start: Date.parse(start), end: Date.parse(end) }] },
    mark: { type: 'rect', color: '#efefef' },
    encoding: { x: { ...X, field: 'start' }, x2: { field: 'end' } },
  };
}

/**
 * The interception timeline: for each offender journey, a line from leaving home to
 * getting home or being stopped, with the first alert, the offence and the interception
 * marked on it, over the run's window.
 */
export function timelineSpec(summary: RunSummary): TopLevelSpec {
  const journeys = byDeparture(summary.journeys);
  const rows = journeyLabels(journeys);
  return {
    width: CHART_WIDTH - 240,
    height: { step: 28 },
    resolve: { scale: { color: 'independent', shape: 'independent', strokeDash: 'independent' } },
    config: { legend: { orient: 'right' }, axisY: { labelLimit: 240 } },
    layer: [windowLayer(summary), ...spanLayers(journeys, rows), momentLayer(journeys, rows)],
  };
}
