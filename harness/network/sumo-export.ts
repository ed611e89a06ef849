import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLBuilder } from 'fast-xml-parser';
import { TestbedError } from '../../simulator/errors.js';
import { edgeCoordinates, type Network, type RoadClass } from '../../simulator/network/index.js';

/**
 * Export to SUMO's plain-XML network format, so SUMO can build the same network with
 * `netconvert` and run beside the testbed. Positions are written as lon,lat and projected
 * by netconvert (`--proj.utm`); traffic keeps left (`--lefthand`). Camera sites become
 * instant induction loops, which report every vehicle that passes them.
 */

export const SUMO_FILES = {
  nodes: 'anpr.nod.xml',
  edges: 'anpr.edg.xml',
  cameras: 'anpr-cameras.add.xml',
  config: 'anpr.netccfg',
  net: 'anpr.net.xml',
} as const;

const LANES: Record<RoadClass, number> = {
  motorway: 3,
  trunk: 2,
  primary: 1,
  secondary: 1,
  minor: 1,
};
const PRIORITY: Record<RoadClass, number> = {
  motorway: 13,
  trunk: 11,
  primary: 9,
  secondary: 7,
  minor: 5,
};

export interface SumoDocuments {
  nodes: string;
  edges: string;
  cameras: string;
  config: string;
}

const builder = new XMLBuilder({
  attributeNamePrefix: '@_',
  ignoreAttributes: false,
  format: true,
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
});

function xml(root: object, comment: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!-- ${comment} -->\n${builder.build(root)}`;
}

export function sumoNodeId(node: number): string {
  return `n${node}`;
}

export function sumoEdgeId(edge: number): string {
  return `e${edge}`;
}

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}

/** The four SUMO documents for a network, as text. */
export function sumoDocuments(network: Network): SumoDocuments {
  const g = network.graph;
  const origin = 'Written by anpr-testbed network export-sumo; positions are lon,lat (WGS84)';
  const node = Array.from({ length: g.nodeCount }, (_, n) => ({
    '@_id': sumoNodeId(n),
    '@_x': fixed(g.nodeLon[n]!, 7),
    '@_y': fixed(g.nodeLat[n]!, 7),
    '@_type': 'priority',
  }));
  const edge = Array.from({ length: g.edgeCount }, (_, e) => {
    const road = g.roads[g.edgeRoad[e]!]!;
    return {
      '@_id': sumoEdgeId(e),
      '@_from': sumoNodeId(g.edgeFrom[e]!),
      '@_to': sumoNodeId(g.edgeTo[e]!),
      '@_name': road.ref ?? road.name,
      '@_priority': PRIORITY[road.class],
      '@_numLanes': LANES[road.class],
      '@_speed': fixed(g.edgeSpeedMps[e]!, 2),
      '@_shape': edgeCoordinates(g, e)
        .map(([lon, lat]) => `${fixed(lon, 7)},${fixed(lat, 7)}`)
        .join(' '),
    };
  });
  // In-car cameras move with their units, so they have no fixed loop.
  const sited = network.cameras.filter((placement) => placement.kind !== 'in-car');
  const loops = sited.flatMap((placement) =>
    placement.watches.map((watch, i) => ({
      '@_id': placement.watches.length > 1 ? `${placement.cameraId}#${i + 1}` : placement.cameraId,
      '@_lane': `${sumoEdgeId(watch.edge)}_0`,
      '@_pos': fixed(watch.offsetM, 1),
      '@_friendlyPos': 'true',
      '@_file': 'anpr-cameras.out.xml',
    })),
  );
  return {
    nodes: xml({ nodes: { node } }, origin),
    edges: xml({ edges: { edge } }, `${origin}; speeds are free-flow speeds in m/s`),
    cameras: xml(
      { additional: { instantInductionLoop: loops } },
      'ANPR camera sites as instant induction loops on the outer lane; friendlyPos moves a loop that netconvert left beyond a shortened lane end',
    ),
    config: xml(
      {
        configuration: {
          input: {
            'node-files': { '@_value': SUMO_FILES.nodes },
            'edge-files': { '@_value': SUMO_FILES.edges },
          },
          output: { 'output-file': { '@_value': SUMO_FILES.net } },
          projection: { 'proj.utm': { '@_value': 'true' } },
          processing: { lefthand: { '@_value': 'true' }, 'no-turnarounds': { '@_value': 'false' } },
        },
      },
      'Build the SUMO network with: netconvert -c anpr.netccfg',
    ),
  };
}

/** Writes the SUMO documents into a folder and returns the paths written. */
export async function exportSumo(network: Network, outDir: string): Promise<string[]> {
  const docs = sumoDocuments(network);
  const files: [string, string][] = [
    [SUMO_FILES.nodes, docs.nodes],
    [SUMO_FILES.edges, docs.edges],
    [SUMO_FILES.cameras, docs.cameras],
    [SUMO_FILES.config, docs.config],
  ];
  try {
    await mkdir(outDir, { recursive: true });
    for (const [name, text] of files) await writeFile(join(outDir, name), text);
  } catch (err) {
    throw new TestbedError('ATB_FILE_UNWRITABLE', {
      path: outDir,
      reason: (err as NodeJS.ErrnoException).code ?? String(err),
    });
  }
  return files.map(([name]) => join(outDir, name));
}
