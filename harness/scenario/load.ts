import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { TestbedError } from '../../simulator/errors.js';
import { createNetwork, type Network } from '../../simulator/network/index.js';
import { formatProblems, type Problem } from '../../simulator/problems.js';
import { resolveScenario, type ResolvedScenario } from '../../simulator/scenario/resolve.js';
import type { ScenarioInput } from '../../simulator/scenario/schema.js';
import { readText } from '../json-file.js';
import { loadNetworkFixture } from '../network/load.js';
import { bundledNetworkDir } from '../paths.js';
import { field, isRecord } from './document.js';
import { inDocumentOrder, validateScenarioDocument } from './validate.js';

export { validateScenarioDocument } from './validate.js';

/** The name under which a scenario asks for the network bundled with the project. */
export const BUNDLED_NETWORK = 'north-yorkshire';

export interface LoadedScenario {
  scenario: ResolvedScenario;
  network: Network;
  /** The folder the network was read from. */
  networkDir: string;
  /** The scenario file's text as read, so a report can show exactly what was run. */
  source: string;
}

/**
 * Reads a scenario file (YAML), checks it against the schema and its network, and
 * fills its defaults. Every problem found is reported in one ATB_SCENARIO_INVALID
 * error.
 */
export async function loadScenario(path: string): Promise<LoadedScenario> {
  const source = await readText(path);
  const doc = parseScenarioYaml(source, path);
  const located = locateNetwork(doc, path);
  const fixture = located.dir ? await loadNetworkFixture(located.dir) : null;
  const network = fixture ? createNetwork(fixture) : null;
  const found = [...validateScenarioDocument(doc, network), ...located.problems];
  const problems = inDocumentOrder(found);
  if (problems.some((p) => p.severity === 'error') || !network || !located.dir) {
    throw invalidScenario(path, problems);
  }
  const scenario = resolveScenario(doc as ScenarioInput);
  return { scenario, network, networkDir: located.dir, source };
}

/**
 * Parses YAML 1.2 (so `2026-11-12T18:00:00Z` stays a string and `no` is not false).
 * Only the first syntax error is reported: the ones after it are mostly its echoes.
 */
export function parseScenarioYaml(source: string, path: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  const first = doc.errors[0];
  if (!first) return doc.toJS();
  const { line, col } = lineCounter.linePos(first.pos[0]);
  const message = first.message.split('\n')[0] ?? first.code;
  const at = `line ${line}, column ${col}`;
  throw invalidScenario(path, [{ code: 'yaml-syntax', path: at, message, severity: 'error' }]);
}

interface LocatedNetwork {
  dir: string | null;
  problems: Problem[];
}

/**
 * The folder of the network a scenario names: the bundled one, or a folder relative
 * to the scenario file. A `network` of the wrong type is left to the schema check.
 */
function locateNetwork(doc: unknown, scenarioPath: string): LocatedNetwork {
  if (!isRecord(doc)) return { dir: null, problems: [] };
  const name = field(doc, 'network') ?? BUNDLED_NETWORK;
  if (typeof name !== 'string') return { dir: null, problems: [] };
  if (name === BUNDLED_NETWORK) return { dir: bundledNetworkDir(), problems: [] };

  const dir = resolve(dirname(scenarioPath), name);
  const wrong = folderProblem(dir);
  if (wrong === null) return { dir, problems: [] };
  const allowed = `"${BUNDLED_NETWORK}" or a folder relative to the scenario file`;
  const message = `${wrong}; the network must be ${allowed}`;
  const problem: Problem = {
    code: 'network-not-found',
    path: 'network',
    message,
    severity: 'error',
  };
  return { dir: null, problems: [problem] };
}

function folderProblem(dir: string): string | null {
  if (!existsSync(dir)) return `there is no folder ${dir}`;
  if (statSync(dir).isDirectory()) return null;
  return `${dir} is a file, not a network folder`;
}

function invalidScenario(path: string, problems: readonly Problem[]): TestbedError {
  return new TestbedError('ATB_SCENARIO_INVALID', {
    path,
    problems: formatProblems(problems),
  });
}
