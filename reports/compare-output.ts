import { settingAsFlag } from '../reference-hub/settings.js';
import type { Unit } from './compare-scores.js';
import type {
  ComparedRun,
  Direction,
  RunComparison,
  ScoreChange,
  VerdictChange,
} from './compare.js';
import { count, minutes, ms, percent, signed } from './figures.js';
import { code, table, text } from './markdown-text.js';

/**
 * A comparison of two runs for a terminal and for a pull request: the warnings
 * first, then the changes that matter, then the rest.
 */

/** Changes that matter, in a terminal: they must stand out. */
const LOUD: Record<Direction, string> = {
  better: 'BETTER',
  worse: 'WORSE',
  changed: 'CHANGED',
  unchanged: 'same',
};

const QUIET: Record<Direction, string> = {
  better: 'better',
  worse: 'worse',
  changed: 'changed',
  unchanged: 'same',
};

const MARKS: Record<Direction, string> = {
  better: '✔ better',
  worse: '✘ worse',
  changed: 'changed',
  unchanged: 'same',
};

export function compareText(result: RunComparison): string {
  const { verdicts, scores, unchanged } = split(result);
  const lines = ['Comparing two runs', runLine('A', result.a), runLine('B', result.b)];
  if (!result.comparable) {
    lines.push('', 'WARNING: these runs may not be comparable; the comparison follows anyway.');
    lines.push(...result.warnings.map((w) => `  - ${w}`));
  }
  if (result.settings.length > 0) lines.push('', 'Hub settings that differ', settingLines(result));
  const mattering = [
    ...verdicts.matter.map((v) => verdictRow(v, LOUD)),
    ...scores.matter.map((s) => [...scoreRow(s, LOUD, s.key), s.rule]),
  ];
  lines.push('', headline(mattering.length));
  if (mattering.length > 0) lines.push(columns(mattering));
  const rest = [
    ...verdicts.rest.map((v) => verdictRow(v, QUIET)),
    ...scores.rest.map((s) => scoreRow(s, QUIET, s.key)),
  ];
  if (rest.length > 0) lines.push('', `Smaller changes (${rest.length})`, columns(rest));
  if (unchanged.length > 0) lines.push('', `Unchanged (${unchanged.length})`, wrap(unchanged));
  return `${lines.join('\n')}\n`;
}

export function compareMarkdown(result: RunComparison): string {
  const { verdicts, scores, unchanged } = split(result);
  const mattering = [...verdicts.matter, ...scores.matter];
  const parts = [
    `### Comparing two runs: ${headline(mattering.length).toLowerCase()}`,
    runs(result),
  ];
  if (!result.comparable) {
    const warnings = result.warnings.map((w) => `> - ${text(w)}`);
    parts.push(
      ['> [!WARNING]', '> These runs may not be comparable; the comparison follows anyway.']
        .concat(warnings)
        .join('\n'),
    );
  }
  if (result.settings.length > 0) {
    const shown = (name: string, value: string | number | boolean | null) =>
      value === null ? 'not reported' : code(settingAsFlag(name, value));
    const rows = result.settings.map((c) => [code(c.name), shown(c.name, c.a), shown(c.name, c.b)]);
    parts.push(`Hub settings that differ:\n\n${table(['setting', 'A', 'B'], rows)}`);
  }
  const header = ['', 'score', 'A', 'B', 'change'];
  const align = ['left', 'left', 'right', 'right', 'right'] as const;
  const cells = (v: VerdictChange | ScoreChange) =>
    'subject' in v ? verdictRow(v, MARKS, true) : scoreRow(v, MARKS, code(v.key, true));
  if (mattering.length > 0) parts.push(table(header, mattering.map(cells), align));
  const rest = [...verdicts.rest, ...scores.rest];
  if (rest.length > 0) {
    const summary = `Smaller changes (${rest.length})`;
    parts.push(details(summary, table(header, rest.map(cells), align)));
  }
  if (unchanged.length > 0) {
    const names = unchanged.map((key) => code(key)).join(', ');
    parts.push(details(`Unchanged (${unchanged.length})`, names));
  }
  return `${parts.join('\n\n')}\n`;
}

function settingLines(result: RunComparison): string {
  return columns(
    result.settings.map((c) => [
      c.name,
      `A ${settingAsFlag(c.name, c.a)}`,
      `B ${settingAsFlag(c.name, c.b)}`,
    ]),
  );
}

function split(result: RunComparison) {
  const changed = <T extends { direction: Direction }>(items: T[]) =>
    items.filter((i) => i.direction !== 'unchanged');
  const verdicts = changed(result.verdicts);
  const scores = changed(result.scores);
  return {
    verdicts: {
      matter: verdicts.filter((v) => v.matters),
      rest: verdicts.filter((v) => !v.matters),
    },
    scores: { matter: scores.filter((s) => s.matters), rest: scores.filter((s) => !s.matters) },
    unchanged: result.scores.filter((s) => s.direction === 'unchanged').map((s) => s.key),
  };
}

function headline(n: number): string {
  if (n === 0) return 'No change that matters';
  return n === 1 ? 'One change that matters' : `${n} changes that matter`;
}

function runLine(label: string, run: ComparedRun): string {
  const where = run.dir === null ? '' : `${run.dir}: `;
  return (
    `  ${label}  ${where}${run.scenario} (seed ${run.seed}) against ${run.hub}: ` +
    run.verdict.toUpperCase()
  );
}

function runs(result: RunComparison): string {
  const rows = (['A', 'B'] as const).map((label) => {
    const run = label === 'A' ? result.a : result.b;
    return [
      label,
      run.dir === null ? '' : code(run.dir, true),
      text(run.scenario),
      String(run.seed),
      text(run.hub),
      run.verdict === 'pass' ? '✔ pass' : '✘ fail',
    ];
  });
  return table(['run', 'folder', 'scenario', 'seed', 'hub', 'verdict'], rows);
}

function verdictRow(v: VerdictChange, words: Record<Direction, string>, markdown = false) {
  return [
    words[v.direction],
    markdown ? verdictName(v) : plainName(v),
    v.a ?? 'absent',
    v.b ?? 'absent',
    '',
  ];
}

function plainName(v: VerdictChange): string {
  return v.subject === 'verdict' ? 'verdict' : `${v.subject} ${v.name}`;
}

function verdictName(v: VerdictChange): string {
  if (v.subject === 'verdict') return 'verdict';
  return v.subject === 'threshold' ? `threshold ${code(v.name, true)}` : `check ${text(v.name)}`;
}

function scoreRow(s: ScoreChange, words: Record<Direction, string>, name: string) {
  return [words[s.direction], name, value(s.a, s.unit), value(s.b, s.unit), change(s)];
}

function value(v: number | null, unit: Unit): string {
  if (unit === 'share') return percent(v);
  if (unit === 'ms') return ms(v);
  return unit === 'min' ? minutes(v) : count(v);
}

function change(s: ScoreChange): string {
  if (s.change === null) return '';
  if (s.unit === 'share') return `${signed(s.change * 100, 2)} pp`;
  const suffix = s.unit === 'ms' ? ' ms' : s.unit === 'min' ? ' min' : '';
  const digits = s.unit === 'count' ? 0 : s.unit === 'ms' ? 2 : 1;
  const absolute = `${signed(s.change, digits)}${suffix}`;
  return s.relative === null ? absolute : `${absolute} (${signed(s.relative * 100, 1)} %)`;
}

function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** Names separated by commas, in lines of at most 90 characters, indented by two. */
function wrap(names: readonly string[]): string {
  const lines: string[] = [];
  let line = '';
  for (const name of names) {
    const next = line === '' ? name : `${line}, ${name}`;
    if (next.length > 88 && line !== '') {
      lines.push(`  ${line},`);
      line = name;
    } else line = next;
  }
  lines.push(`  ${line}`);
  return lines.join('\n');
}

/** Rows as aligned columns, two spaces apart, indented by two. */
function columns(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows
    .map((row) => `  ${row.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd())
    .join('\n');
}
