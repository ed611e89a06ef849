import type { RoadClass } from '../../../simulator/network/index.js';

export interface OsmImportProgress {
  phase: 'ways' | 'nodes' | 'write';
  items: number;
}

export type ProgressSink = (progress: OsmImportProgress) => void;

export interface OsmImportOptions {
  onProgress?: ProgressSink;
}

export interface OsmImportSummary {
  /** Ways tagged motorway to tertiary (links included), by the class they map to. */
  waysKeptByClass: Record<RoadClass, number>;
  roadsWritten: number;
  /** Kept ways with fewer than two nodes whose positions are in the file. */
  waysSkipped: number;
  /** Distinct nodes in the written roads. */
  nodesUsed: number;
  /** Nodes that kept ways refer to but the file lacks, as at the edge of a clipped extract. */
  nodesMissing: number;
  placesWritten: number;
  roadLengthKm: number;
}
