import { beforeAll, describe, expect, it } from 'vitest';
import { createNetwork, type Network } from '../../simulator/network/index.js';
import { loadNetworkFixture } from '../network/load.js';
import { validateScenarioDocument } from './load.js';

let network: Network;

beforeAll(async () => {
  network = createNetwork(await loadNetworkFixture());
});

const MINIMAL = {
  name: 'Minimal',
  seed: 1,
  window: { start: '2026-11-12T18:00:00Z', durationHours: 12 },
};

describe('validateScenarioDocument', () => {
  it('accepts a scenario of only a name, a seed and a window', () => {
    expect(validateScenarioDocument(MINIMAL, network)).toEqual([]);
  });

  it('reports every problem at once, each with its path, and nothing else', () => {
    const doc = {
      ...MINIMAL,
      seed: 'seven',
      window: { start: '2026-02-30T18:00:00Z', durationHours: 12, strat: 1 },
      rain: [{ from: '2026-11-13T02:00:00Z', to: '2026-11-13T01:00:00Z' }],
      cameras: {
        rapidDeploy: ['rd-b1224-candidate', 'fx-a19-at-selby'],
        outages: [{ camera: 'fx-nowhere', from: '2026-11-12T19:00:00Z', to: 'soon' }],
      },
      offenders: {
        groups: [
          { name: 'A', home: 'Leeds2', vehicles: [{ kind: 'own' }], awareness: 'wary' },
          { name: 'A', home: 'Bradford', vehicles: [{ kind: 'stolen' }], targets: ['Hwes'] },
        ],
      },
      traffic: { attraction: { Scarboro: 2 } },
      thresholds: { 'detection.recall': { min: 0.9, max: 0.5 } },
    };
    const problems = validateScenarioDocument(doc, network);
    expect(problems.map((p) => `${p.path}: ${p.message}`).sort()).toEqual(
      [
        'seed: Expected integer (got "seven")',
        'window.strat: Unexpected setting "strat"; did you mean "start"?',
        'window.start: "2026-02-30T18:00:00Z" is not a real date and time',
        'rain[0]: from 2026-11-13T02:00:00Z must be before to 2026-11-13T01:00:00Z',
        'cameras.outages[0].to: Expected an instant in UTC, ISO 8601 with a Z, ' +
          'e.g. 2026-11-12T18:00:00Z (got "soon")',
        'cameras.outages[0].camera: unknown camera "fx-nowhere"; ' +
          "the network's cameras.geojson lists its sites",
        'cameras.rapidDeploy[0]: unknown camera "rd-b1224-candidate"; ' +
          'did you mean "rd-b1224-candidate-site"?',
        'cameras.rapidDeploy[1]: "fx-a19-at-selby" is a fixed camera, not a rapid-deploy site',
        'offenders.groups[0].awareness: Expected "aware" or "unaware" (got "wary")',
        'offenders.groups[0].home: unknown place "Leeds2"; did you mean "Leeds"?',
        'offenders.groups[1].name: "A" is already the name of offenders.groups[0]',
        'offenders.groups[1].targets[0]: unknown place "Hwes"; did you mean "Hawes"?',
        'traffic.attraction.Scarboro: unknown place "Scarboro"; did you mean "Scarborough"?',
        'thresholds.detection.recall: min 0.9 is greater than max 0.5',
      ].sort(),
    );
    expect(problems.every((p) => p.severity === 'error' && p.code !== '')).toBe(true);
  });

  it('lists problems section by section, in the order of the schema', () => {
    const doc = {
      ...MINIMAL,
      offenders: { groups: [{ name: 'G', home: 'Nowhere', vehicles: [{ kind: 'own' }] }] },
      window: { start: '2026-02-30T00:00:00Z', durationHours: -1 },
    };
    expect(validateScenarioDocument(doc, network).map((p) => p.path)).toEqual([
      'window.durationHours',
      'window.start',
      'offenders.groups[0].home',
    ]);
  });

  it('matches place names without regard to case, as findPlace does', () => {
    const group = { name: 'G', home: 'leeds', vehicles: [{ kind: 'own' }], targets: ['HAWES'] };
    expect(
      validateScenarioDocument({ ...MINIMAL, offenders: { groups: [group] } }, network),
    ).toEqual([]);
  });

  it('leaves place and camera names unchecked when there is no network', () => {
    const doc = { ...MINIMAL, cameras: { rapidDeploy: ['nowhere'] } };
    expect(validateScenarioDocument(doc, null)).toEqual([]);
  });

  it('reports a document that is not a mapping once, at the document', () => {
    const problems = validateScenarioDocument(['a', 'list'], network);
    expect(problems.map((p) => p.path)).toEqual(['(document)']);
  });
});
