import { Value } from '@sinclair/typebox/value';
import { shareProblems } from '../../simulator/intelligence/categories.js';
import type { Network } from '../../simulator/network/index.js';
import type { Problem } from '../../simulator/problems.js';
import { Scenario } from '../../simulator/scenario/schema.js';
import { parseIsoUtc } from '../../simulator/time.js';
import { schemaProblems } from '../json-file.js';
import { entries, field, isRecord, list, type Report } from './document.js';
import { explainSchemaProblem } from './messages.js';
import { checkNetworkReferences } from './references.js';

/**
 * Every problem with a scenario document, found at once: its shape against the
 * schema, then what the schema cannot say (real dates, spells that end after they
 * start, unique group names, sound thresholds) and, given its network, the places
 * and cameras it names. With no network, the references are not checked.
 */
export function validateScenarioDocument(raw: unknown, network: Network | null): Problem[] {
  // A file may leave out what has a default, so the filled document is checked.
  const doc = Value.Default(Scenario, Value.Clone(raw));
  const explain = (p: Problem): Problem => explainSchemaProblem(p, Scenario);
  const problems = schemaProblems(Scenario, doc).map(explain);
  const rejected = new Set(problems.map((p) => p.path));
  const report: Report = (path, code, message) => {
    // A value the schema rejected is reported once, by the schema.
    if (rejected.has(path)) return;
    problems.push({ code, path, message, severity: 'error' });
  };
  checkTimes(doc, report);
  checkGroupNames(doc, report);
  checkThresholds(doc, report);
  checkHotlistCategories(doc, report);
  if (network) checkNetworkReferences(doc, network, report);
  return inDocumentOrder(problems);
}

const SECTIONS = Object.keys(Scenario.properties);

/**
 * Problems grouped by the section of the scenario they are in, sections in the
 * schema's order, so that the schema's and the later checks' findings on one section
 * are read together. The sort is stable: within a section, the order found stays.
 */
export function inDocumentOrder(problems: readonly Problem[]): Problem[] {
  const section = (p: Problem): number => SECTIONS.indexOf(/^[^.[]*/.exec(p.path)![0]);
  return [...problems].sort((a, b) => section(a) - section(b));
}

function checkTimes(doc: unknown, report: Report): void {
  instant(field(field(doc, 'window'), 'start'), 'window.start', report);
  list(field(doc, 'rain')).forEach((spell, i) => {
    checkSpell(spell, `rain[${i}]`, report);
  });
  list(field(field(doc, 'cameras'), 'outages')).forEach((outage, i) => {
    checkSpell(outage, `cameras.outages[${i}]`, report);
  });
}

/**
 * The instant a time names; null, reported, when the date or time does not exist.
 */
function instant(value: unknown, path: string, report: Report): number | null {
  if (typeof value !== 'string') return null;
  const ms = parseIsoUtc(value);
  if (ms !== null) return ms;
  report(path, 'not-a-time', `"${value}" is not a real date and time`);
  return null;
}

function checkSpell(spell: unknown, path: string, report: Report): void {
  const from = instant(field(spell, 'from'), `${path}.from`, report);
  const to = instant(field(spell, 'to'), `${path}.to`, report);
  if (from === null || to === null || from < to) return;
  const [fromText, toText] = [field(spell, 'from'), field(spell, 'to')] as string[];
  report(path, 'empty-spell', `from ${fromText} must be before to ${toText}`);
}

function checkGroupNames(doc: unknown, report: Report): void {
  const firstIndex = new Map<string, number>();
  list(field(field(doc, 'offenders'), 'groups')).forEach((group, i) => {
    const name = field(group, 'name');
    if (typeof name !== 'string') return;
    const first = firstIndex.get(name);
    if (first === undefined) {
      firstIndex.set(name, i);
      return;
    }
    const message = `"${name}" is already the name of offenders.groups[${first}]`;
    report(`offenders.groups[${i}].name`, 'duplicate-name', message);
  });
}

function checkThresholds(doc: unknown, report: Report): void {
  for (const [score, threshold] of entries(field(doc, 'thresholds'))) {
    const path = `thresholds.${score}`;
    const min = field(threshold, 'min');
    const max = field(threshold, 'max');
    if (min === undefined && max === undefined) {
      report(path, 'empty-threshold', 'sets neither min nor max');
    } else if (typeof min === 'number' && typeof max === 'number' && min > max) {
      report(path, 'threshold-range', `min ${min} is greater than max ${max}`);
    }
  }
}

/** The schema takes any key for the shares, so the names are checked here. */
function checkHotlistCategories(doc: unknown, report: Report): void {
  const shares = field(field(doc, 'hotlist'), 'shares');
  if (!isRecord(shares)) return;
  for (const problem of shareProblems(shares as Record<string, number>)) {
    report(problem.path, problem.code, problem.message);
  }
}
