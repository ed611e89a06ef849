import { OSMTransform, parse } from 'osm-pbf-parser-node';
import type { DataBlock } from './blocks.js';
import { invalid } from './errors.js';

/**
 * The nodes and ways of a data block, decoded by osm-pbf-parser-node with only the
 * tags we use.
 */

export interface ParsedNode {
  type: 'node';
  id: number;
  lon: number;
  lat: number;
  tags?: Record<string, string>;
}

export interface ParsedWay {
  type: 'way';
  id: number;
  refs: number[];
  tags?: Record<string, string>;
}

type ParsedEntity = ParsedNode | ParsedWay | { type: 'relation' };

// parse() reads tag filters only from an OSMTransform (a plain options object has
// its withTags ignored in 1.1.4), so each pass keeps one, never used as a stream.
// Limitation: turn restrictions are not imported; no relation is read.
export const WAY_PASS = new OSMTransform({
  withTags: {
    node: false,
    way: ['highway', 'ref', 'name', 'maxspeed', 'oneway', 'junction'],
    relation: false,
  },
});
export const NODE_PASS = new OSMTransform({
  withTags: { node: ['place', 'name', 'population'], way: false, relation: false },
});

export function parseBlock(file: string, block: DataBlock, pass: OSMTransform): ParsedEntity[] {
  try {
    return parse(block.data, pass) as ParsedEntity[];
  } catch (err) {
    throw invalid(file, `corrupt data block at byte ${block.offsetBytes}`, err);
  }
}

/** 7 decimal places is the precision PBF stores (100 nanodegrees). */
export function roundDeg(deg: number): number {
  return Math.round(deg * 1e7) / 1e7;
}
