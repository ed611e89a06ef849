import { beforeAll, describe, expect, it } from 'vitest';
import { loadNetworkFixture } from '../../harness/network/load.js';
import { createNetwork, type Network } from '../network/index.js';
import { rosterFor } from './roster.js';
import { mainNode, testBase, testNetwork } from './testing.js';

describe('rosterFor on a small network', () => {
  const network = testNetwork([
    testBase('A', -1, [
      { id: 'a1', callsign: 'A RCT1', kind: 'road-crime' },
      { id: 'a2', callsign: 'A RCT2', kind: 'road-crime' },
      { id: 'a3', callsign: 'A R1', kind: 'response' },
    ]),
    testBase('B', -0.95, [{ id: 'b1', callsign: 'B R1', kind: 'response' }]),
    testBase('C', -0.9, [
      { id: 'c1', callsign: 'C RCT1', kind: 'road-crime' },
      { id: 'c2', callsign: 'C RCT2', kind: 'road-crime' },
    ]),
  ]);
  const ids = (roadCrime: 'all' | number, response: 'all' | number) =>
    rosterFor(network, { roadCrime, response }).units.map((u) => u.unitId);

  it('puts every unit on duty for all, in the order the bases list them', () => {
    const roster = rosterFor(network, { roadCrime: 'all', response: 'all' });
    expect(roster.units.map((u) => u.unitId)).toEqual(['a1', 'a2', 'a3', 'b1', 'c1', 'c2']);
    expect(roster.notes).toEqual([]);
    expect(roster.units[3]).toEqual({
      unitId: 'b1',
      callsign: 'B R1',
      kind: 'response',
      baseId: 'B',
      baseName: 'B station',
      baseNode: mainNode(network, -0.95),
    });
  });

  it('spreads a number of units over the bases before taking a second from any', () => {
    expect(ids(2, 0)).toEqual(['a1', 'c1']);
    expect(ids(3, 0)).toEqual(['a1', 'a2', 'c1']);
    expect(ids(0, 1)).toEqual(['a3']);
    expect(ids(1, 'all')).toEqual(['a1', 'a3', 'b1']);
    expect(ids(0, 0)).toEqual([]);
  });

  it('puts all units of a kind on duty and says so when more are asked for', () => {
    const roster = rosterFor(network, { roadCrime: 9, response: 'all' });
    expect(roster.units.filter((u) => u.kind === 'road-crime')).toHaveLength(4);
    expect(roster.notes).toEqual([
      '9 road crime units were asked for but the bases hold 4; all of them are on duty',
    ]);
  });

  it('rejects a count that is not a whole number', () => {
    expect(() => rosterFor(network, { roadCrime: -1, response: 'all' })).toThrow(RangeError);
    expect(() => rosterFor(network, { roadCrime: 'all', response: 1.5 })).toThrow(RangeError);
  });
});

describe('rosterFor on the bundled network', () => {
  let network: Network;
  beforeAll(async () => {
    network = createNetwork(await loadNetworkFixture());
  });
  const callsigns = (roadCrime: 'all' | number, response: 'all' | number) =>
    rosterFor(network, { roadCrime, response }).units.map((u) => u.callsign);

  it('has ten road crime cars and twenty-seven response cars at the bases', () => {
    const { units, notes } = rosterFor(network, { roadCrime: 'all', response: 'all' });
    expect(units.filter((u) => u.kind === 'road-crime')).toHaveLength(10);
    expect(units.filter((u) => u.kind === 'response')).toHaveLength(27);
    expect(notes).toEqual([]);
    const york = units.find((u) => u.unitId === 'york-rct-1')!;
    const yorkBase = network.bases.find((b) => b.name === 'base-york')!;
    expect(york.baseNode).toBe(yorkBase.node);
    expect(york.baseName).toBe('York (Fulford Road) Police Station');
  });

  it('takes road crime cars round robin over the bases in fixture order', () => {
    expect(callsigns(3, 0)).toEqual(['NOR RCT1', 'YOR RCT1', 'HAR RCT1']);
    expect(callsigns(8, 0)).toEqual([
      'NOR RCT1',
      'NOR RCT2',
      'YOR RCT1',
      'HAR RCT1',
      'SCA RCT1',
      'SKI RCT1',
      'MAL RCT1',
      'TAD RCT1',
    ]);
  });
});
