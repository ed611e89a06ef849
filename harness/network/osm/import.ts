import type { PlaceFeature } from '../../../simulator/network/index.js';
import { readDataBlocks } from './blocks.js';
import { NODE_PASS, parseBlock, WAY_PASS } from './entities.js';
import { invalid } from './errors.js';
import { checkReadable } from './input.js';
import { NodePositions } from './positions.js';
import {
  emptyRoadWays,
  keepRoad,
  newTally,
  roadFeatures,
  type RoadWays,
  type Tally,
} from './roads.js';
import { placeFeature } from './tags.js';
import type { OsmImportOptions, OsmImportSummary, ProgressSink } from './types.js';
import { commit, discard, prepareOutDir, writeNetwork } from './write.js';

/**
 * Imports the motorway to tertiary roads and the named places of an OpenStreetMap
 * PBF extract into a network folder. Two passes over the file (ways, then nodes) keep
 * memory in proportion to the kept road network, not to the extract.
 */
export async function importOsmPbf(
  file: string,
  outDir: string,
  options: OsmImportOptions = {},
): Promise<OsmImportSummary> {
  const report = options.onProgress ?? (() => {});
  await checkReadable(file);
  await prepareOutDir(outDir);

  const roads = await readRoadWays(file, report);
  if (roads.list.length === 0) throw invalid(file, 'no motorway to tertiary roads found');
  const positions = NodePositions.forRefs(roads.refs);
  const places = await readNodes(file, positions, report);

  const tally = newTally(roads);
  const written = await writeNetwork(
    outDir,
    file,
    roadFeatures(roads, positions, tally),
    places,
    report,
  );
  if (tally.roadsWritten === 0) {
    await discard(written);
    throw invalid(file, 'no motorway to tertiary road has two nodes with known positions');
  }
  await commit(written);
  return summarise(tally, positions, places.length);
}

async function readRoadWays(file: string, report: ProgressSink): Promise<RoadWays> {
  const roads = emptyRoadWays();
  let seen = 0;
  for await (const block of readDataBlocks(file)) {
    if (!block.hasWays) continue;
    for (const entity of parseBlock(file, block, WAY_PASS)) {
      if (entity.type !== 'way') continue;
      seen += 1;
      keepRoad(roads, entity);
    }
    report({ phase: 'ways', items: seen });
  }
  return roads;
}

async function readNodes(
  file: string,
  positions: NodePositions,
  report: ProgressSink,
): Promise<PlaceFeature[]> {
  const places: PlaceFeature[] = [];
  let seen = 0;
  for await (const block of readDataBlocks(file)) {
    if (!block.hasNodes) continue;
    for (const entity of parseBlock(file, block, NODE_PASS)) {
      if (entity.type !== 'node') continue;
      seen += 1;
      positions.record(entity);
      const place = placeFeature(entity);
      if (place) places.push(place);
    }
    report({ phase: 'nodes', items: seen });
  }
  return places;
}

function summarise(
  tally: Tally,
  positions: NodePositions,
  placesWritten: number,
): OsmImportSummary {
  return {
    waysKeptByClass: tally.keptByClass,
    roadsWritten: tally.roadsWritten,
    waysSkipped: tally.waysSkipped,
    nodesUsed: positions.usedCount,
    nodesMissing: positions.needed - positions.found,
    placesWritten,
    roadLengthKm: Math.round(tally.lengthM) / 1000,
  };
}
