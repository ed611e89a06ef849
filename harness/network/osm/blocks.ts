import type { FileHandle } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import Pbf from 'pbf';
import type { TestbedError } from '../../../simulator/errors.js';
import { invalid } from './errors.js';
import { openInput, readExactly } from './input.js';
import { asBuffer, readMessage, readUtf8, WIRE_BYTES, WIRE_VARINT } from './proto.js';

/**
 * The blob framing of an OSM PBF file (fileformat.proto of the OSM-binary project):
 * each block is a 4-byte length, a BlobHeader and a Blob. We frame blocks ourselves
 * rather than use osm-pbf-parser-node's stream: it reports a missing file and corrupt
 * compressed data as uncaught exceptions, which would end the process instead of
 * failing the import.
 */

/** Limits from the PBF specification; larger values mean the bytes are not PBF. */
const MAX_BLOB_HEADER_BYTES = 64 * 1024;
const MAX_BLOB_BYTES = 32 * 1024 * 1024;
const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes']);

export interface DataBlock {
  data: Buffer;
  offsetBytes: number;
  hasNodes: boolean;
  hasWays: boolean;
}

/** The file's data blocks, inflated, after a check of its OSMHeader. */
export async function* readDataBlocks(file: string): AsyncGenerator<DataBlock> {
  let first = true;
  for await (const blob of readBlobs(file)) {
    if (first && blob.type !== 'OSMHeader') {
      throw invalid(file, 'not an OSM PBF file (no OSMHeader block)');
    }
    first = false;
    if (blob.type === 'OSMHeader') checkHeader(file, blob.data);
    if (blob.type === 'OSMData') {
      yield { data: blob.data, offsetBytes: blob.offsetBytes, ...blockKinds(blob.data) };
    }
  }
}

interface RawBlob {
  type: string;
  data: Buffer;
  offsetBytes: number;
}

async function* readBlobs(file: string): AsyncGenerator<RawBlob> {
  const handle = await openInput(file);
  try {
    const sizeBytes = (await handle.stat()).size;
    if (sizeBytes === 0) throw invalid(file, 'the file is empty');
    for (let offset = 0; offset < sizeBytes;) {
      const blob = await readBlob(handle, file, offset);
      yield blob.raw;
      offset = blob.nextOffset;
    }
  } finally {
    await handle.close();
  }
}

async function readBlob(
  handle: FileHandle,
  file: string,
  offset: number,
): Promise<{ raw: RawBlob; nextOffset: number }> {
  const notPbf = (): TestbedError =>
    invalid(file, `not an OSM PBF file (bad block header at byte ${offset})`);
  const headerBytes = (await readExactly(handle, file, offset, 4)).readUInt32BE(0);
  if (headerBytes === 0 || headerBytes > MAX_BLOB_HEADER_BYTES) throw notPbf();
  const header = await readExactly(handle, file, offset + 4, headerBytes);
  const { type, dataBytes } = decodeBlobHeader(header, notPbf);
  if (type === '' || dataBytes > MAX_BLOB_BYTES) throw notPbf();

  const blobOffset = offset + 4 + headerBytes;
  const blob = await readExactly(handle, file, blobOffset, dataBytes);
  const data = inflateBlob(file, blob, offset);
  return { raw: { type, data, offsetBytes: offset }, nextOffset: blobOffset + dataBytes };
}

interface BlobHeader {
  type: string;
  dataBytes: number;
}

function decodeBlobHeader(bytes: Buffer, notPbf: () => TestbedError): BlobHeader {
  try {
    return readMessage(bytes, readBlobHeaderField, { type: '', dataBytes: 0 });
  } catch {
    throw notPbf();
  }
}

function readBlobHeaderField(field: number, header: BlobHeader, pbf: Pbf): void {
  if (field === 1 && pbf.type === WIRE_BYTES) header.type = readUtf8(pbf);
  else if (field === 3 && pbf.type === WIRE_VARINT) header.dataBytes = pbf.readVarint();
}

interface BlobFields {
  /** Payloads by field number: raw (1), zlib (3) or another compression. */
  payloads: Map<number, Uint8Array>;
  rawBytes: number;
}

function inflateBlob(file: string, blob: Buffer, offset: number): Buffer {
  let fields: BlobFields;
  try {
    fields = readMessage(blob, readBlobField, { payloads: new Map(), rawBytes: -1 });
  } catch {
    throw invalid(file, `corrupt block at byte ${offset}`);
  }
  return decompress(file, fields, offset);
}

function readBlobField(field: number, fields: BlobFields, pbf: Pbf): void {
  if (field === 2 && pbf.type === WIRE_VARINT) fields.rawBytes = pbf.readVarint();
  else if (pbf.type === WIRE_BYTES) fields.payloads.set(field, pbf.readBytes());
}

const COMPRESSIONS = new Map([
  [4, 'lzma'],
  [5, 'bzip2'],
  [6, 'lz4'],
  [7, 'zstd'],
]);

function decompress(file: string, { payloads, rawBytes }: BlobFields, offset: number): Buffer {
  const raw = payloads.get(1);
  if (raw) return asBuffer(raw);
  const zlib = payloads.get(3);
  if (!zlib) {
    const compression = [...payloads.keys()].map((f) => COMPRESSIONS.get(f)).find(Boolean);
    throw invalid(
      file,
      `${compression ?? 'unknown'} compression is not supported (block at byte ${offset})`,
    );
  }
  try {
    const data = inflateSync(zlib, { maxOutputLength: MAX_BLOB_BYTES });
    if (rawBytes >= 0 && data.length !== rawBytes) throw new Error('size mismatch');
    return data;
  } catch {
    throw invalid(file, `corrupt compressed block at byte ${offset}`);
  }
}

function checkHeader(file: string, data: Buffer): void {
  let required: string[];
  try {
    required = readMessage(data, readRequiredFeature, []);
  } catch {
    throw invalid(file, 'corrupt OSMHeader block');
  }
  const unsupported = required.filter((feature) => !SUPPORTED_FEATURES.has(feature));
  if (unsupported.length > 0) {
    throw invalid(file, `it requires unsupported features: ${unsupported.join(', ')}`);
  }
}

function readRequiredFeature(field: number, required: string[], pbf: Pbf): void {
  if (field === 4 && pbf.type === WIRE_BYTES) required.push(readUtf8(pbf));
}

type BlockKinds = { hasNodes: boolean; hasWays: boolean };

/** The entity kinds of a PrimitiveBlock, from each group's first field alone. */
function blockKinds(data: Buffer): BlockKinds {
  try {
    return readMessage(data, readGroupKind, { hasNodes: false, hasWays: false });
  } catch {
    // A block too damaged to walk is left to parse(), which names its offset.
    return { hasNodes: true, hasWays: true };
  }
}

/** A PrimitiveGroup (field 2) holds one kind: nodes (1), dense nodes (2), ways (3). */
function readGroupKind(field: number, kinds: BlockKinds, pbf: Pbf): void {
  if (field !== 2 || pbf.type !== WIRE_BYTES) return;
  const group = pbf.readBytes();
  const kind = group.length === 0 ? 0 : new Pbf(group).readVarint() >>> 3;
  if (kind === 1 || kind === 2) kinds.hasNodes = true;
  if (kind === 3) kinds.hasWays = true;
}
