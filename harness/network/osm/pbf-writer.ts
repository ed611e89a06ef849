import { open, type FileHandle } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import Pbf from 'pbf';

/**
 * A small writer of real OpenStreetMap PBF files (OSMHeader, then zlib-compressed
 * PrimitiveBlocks of DenseNodes and Ways), so tests and benchmarks can make inputs of any
 * size. It takes iterables, so a generator can describe a file far larger than memory.
 * Field numbers follow osmformat.proto and fileformat.proto of the OSM-binary project.
 */

export interface OsmNodeInput {
  id: number;
  lon: number;
  lat: number;
  tags?: Readonly<Record<string, string>>;
}

export interface OsmWayInput {
  id: number;
  refs: readonly number[];
  tags?: Readonly<Record<string, string>>;
}

export interface OsmPbfContent {
  /** Written first, as the format expects nodes before ways. */
  nodes: Iterable<OsmNodeInput>;
  ways: Iterable<OsmWayInput>;
}

export interface OsmPbfWriteSummary {
  bytes: number;
  nodes: number;
  ways: number;
  blocks: number;
}

/** The format recommends at most 8000 entities per block. */
const MAX_BLOCK_ENTITIES = 8000;
/** Units of 100 nanodegrees, the format's default granularity. */
const GRANULARITY = 100;
const UNITS_PER_DEG = 1e9 / GRANULARITY;

export async function writeOsmPbf(
  file: string,
  content: OsmPbfContent,
): Promise<OsmPbfWriteSummary> {
  const handle = await open(file, 'w');
  try {
    return await writeContent(handle, content);
  } finally {
    await handle.close();
  }
}

async function writeContent(
  handle: FileHandle,
  content: OsmPbfContent,
): Promise<OsmPbfWriteSummary> {
  const summary: OsmPbfWriteSummary = { bytes: 0, nodes: 0, ways: 0, blocks: 0 };
  const put = async (type: BlobType, payload: Uint8Array): Promise<void> => {
    const framed = frameBlob(type, payload);
    await handle.write(framed);
    summary.bytes += framed.length;
  };

  await put('OSMHeader', encodeHeaderBlock());
  for (const batch of batches(content.nodes, MAX_BLOCK_ENTITIES)) {
    await put('OSMData', encodeNodeBlock(batch));
    summary.nodes += batch.length;
    summary.blocks += 1;
  }
  for (const batch of batches(content.ways, MAX_BLOCK_ENTITIES)) {
    await put('OSMData', encodeWayBlock(batch));
    summary.ways += batch.length;
    summary.blocks += 1;
  }
  return summary;
}

function* batches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

type BlobType = 'OSMHeader' | 'OSMData';

/** A 4-byte big-endian header length, the BlobHeader, then the Blob. */
function frameBlob(type: BlobType, payload: Uint8Array): Buffer {
  const blob = new Pbf();
  blob.writeVarintField(2, payload.length);
  blob.writeBytesField(3, deflateSync(payload));
  const blobBytes = blob.finish();

  const header = new Pbf();
  header.writeStringField(1, type);
  header.writeVarintField(3, blobBytes.length);
  const headerBytes = header.finish();

  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  return Buffer.concat([length, headerBytes, blobBytes]);
}

function encodeHeaderBlock(): Uint8Array {
  const pbf = new Pbf();
  pbf.writeStringField(4, 'OsmSchema-V0.6');
  pbf.writeStringField(4, 'DenseNodes');
  pbf.writeStringField(16, 'anpr-testbed osm-pbf-writer');
  return pbf.finish();
}

/** Index 0 stays empty: DenseNodes uses it to end each node's keys and values. */
class StringTable {
  readonly strings: string[] = [''];
  private readonly indices = new Map<string, number>([['', 0]]);

  index(value: string): number {
    let found = this.indices.get(value);
    if (found === undefined) {
      found = this.strings.length;
      this.strings.push(value);
      this.indices.set(value, found);
    }
    return found;
  }
}

interface DenseNodes {
  ids: number[];
  lats: number[];
  lons: number[];
  keysVals: number[];
}

function encodeNodeBlock(nodes: readonly OsmNodeInput[]): Uint8Array {
  const table = new StringTable();
  const dense: DenseNodes = { ids: [], lats: [], lons: [], keysVals: [] };
  let previous = { id: 0, lat: 0, lon: 0 };
  let anyTags = false;
  for (const node of nodes) {
    const current = {
      id: checkId(node.id),
      lat: toUnits(node.lat, 90),
      lon: toUnits(node.lon, 180),
    };
    dense.ids.push(current.id - previous.id);
    dense.lats.push(current.lat - previous.lat);
    dense.lons.push(current.lon - previous.lon);
    previous = current;
    for (const [key, value] of Object.entries(node.tags ?? {})) {
      dense.keysVals.push(table.index(key), table.index(value));
      anyTags = true;
    }
    dense.keysVals.push(0);
  }
  // Readers treat an absent keys_vals as "no node has tags"; a run of zeros says the same.
  if (!anyTags) dense.keysVals = [];
  return encodePrimitiveBlock(table, (group) => group.writeMessage(2, writeDenseNodes, dense));
}

function writeDenseNodes(dense: DenseNodes, pbf: Pbf): void {
  pbf.writePackedSVarint(1, dense.ids);
  pbf.writePackedSVarint(8, dense.lats);
  pbf.writePackedSVarint(9, dense.lons);
  if (dense.keysVals.length > 0) pbf.writePackedVarint(10, dense.keysVals);
}

interface EncodedWay {
  id: number;
  keys: number[];
  vals: number[];
  refDeltas: number[];
}

function encodeWayBlock(ways: readonly OsmWayInput[]): Uint8Array {
  const table = new StringTable();
  const encoded = ways.map((way) => encodeWay(way, table));
  return encodePrimitiveBlock(table, (group) => {
    for (const way of encoded) group.writeMessage(3, writeWay, way);
  });
}

function encodeWay(way: OsmWayInput, table: StringTable): EncodedWay {
  const tags = Object.entries(way.tags ?? {});
  let previous = 0;
  const refDeltas = way.refs.map((ref) => {
    const delta = checkId(ref) - previous;
    previous = ref;
    return delta;
  });
  return {
    id: checkId(way.id),
    keys: tags.map(([key]) => table.index(key)),
    vals: tags.map(([, value]) => table.index(value)),
    refDeltas,
  };
}

function writeWay(way: EncodedWay, pbf: Pbf): void {
  pbf.writeVarintField(1, way.id);
  if (way.keys.length > 0) pbf.writePackedVarint(2, way.keys);
  if (way.vals.length > 0) pbf.writePackedVarint(3, way.vals);
  pbf.writePackedSVarint(8, way.refDeltas);
}

/** One PrimitiveGroup per block: the format forbids mixing entity kinds within a group. */
function encodePrimitiveBlock(table: StringTable, writeGroup: (group: Pbf) => void): Uint8Array {
  const pbf = new Pbf();
  pbf.writeMessage(1, writeStringTable, table.strings);
  pbf.writeMessage(2, (_: null, group: Pbf) => writeGroup(group), null);
  pbf.writeVarintField(17, GRANULARITY);
  return pbf.finish();
}

function writeStringTable(strings: readonly string[], pbf: Pbf): void {
  for (const value of strings) pbf.writeStringField(1, value);
}

function checkId(id: number): number {
  if (!Number.isSafeInteger(id)) throw new RangeError(`Expected an integer OSM id, got ${id}`);
  return id;
}

function toUnits(deg: number, limitDeg: number): number {
  if (!(Math.abs(deg) <= limitDeg)) {
    throw new RangeError(`Expected a coordinate within ±${limitDeg} degrees, got ${deg}`);
  }
  return Math.round(deg * UNITS_PER_DEG);
}
