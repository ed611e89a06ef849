import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetwork, type Network } from '../../simulator/network/index.js';
import { loadNetworkFixture } from './load.js';
import { exportSumo, SUMO_FILES, sumoDocuments } from './sumo-export.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

describe('SUMO export of the bundled network', () => {
  let net: Network;
  let dir: string;

  beforeAll(async () => {
    net = createNetwork(await loadNetworkFixture());
    dir = await mkdtemp(join(tmpdir(), 'atb-sumo-'));
    await exportSumo(net, dir);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes every node and directed edge with lon,lat positions and speeds in m/s', () => {
    const docs = sumoDocuments(net);
    const nodes = (parser.parse(docs.nodes) as { nodes: { node: unknown } }).nodes.node as {
      id: string;
      x: string;
      y: string;
    }[];
    const edges = (parser.parse(docs.edges) as { edges: { edge: unknown } }).edges.edge as {
      id: string;
      speed: string;
      shape: string;
    }[];
    expect(nodes).toHaveLength(net.graph.nodeCount);
    expect(edges).toHaveLength(net.graph.edgeCount);
    expect(Number(nodes[0]!.x)).toBeCloseTo(net.graph.nodeLon[0]!, 6);
    expect(Number(edges[0]!.speed)).toBeCloseTo(net.graph.edgeSpeedMps[0]!, 2);
    expect(edges[0]!.shape.split(' ')[0]).toBe(`${nodes[0]!.x},${nodes[0]!.y}`);
  });

  it('turns each fixed camera direction into an instant induction loop', () => {
    const loops = (
      parser.parse(sumoDocuments(net).cameras) as { additional: { instantInductionLoop: unknown } }
    ).additional.instantInductionLoop as {
      id: string;
      lane: string;
    }[];
    const expected = net.cameras
      .filter((c) => c.kind !== 'in-car')
      .reduce((n, c) => n + c.watches.length, 0);
    expect(loops).toHaveLength(expected);
    expect(loops[0]!.lane).toMatch(/^e\d+_0$/);
  });

  // netconvert and sumo come from Debian's sumo package, which .ci/run installs.
  it.runIf(hasCommand('netconvert'))(
    'is accepted by netconvert, and SUMO loads the camera loops',
    async () => {
      execFileSync('netconvert', ['-c', SUMO_FILES.config], { cwd: dir, stdio: 'pipe' });
      const netXml = await readFile(join(dir, SUMO_FILES.net), 'utf8');
      expect(netXml).toContain('lefthand="true"');
      expect(netXml).toMatch(/projParameter="\+proj=utm/);
      const run = spawnSync(
        'sumo',
        ['-n', SUMO_FILES.net, '-a', SUMO_FILES.cameras, '--end', '1', '--no-step-log'],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(run.stderr).not.toMatch(/Error/);
      expect(run.status).toBe(0);
    },
  );
});
