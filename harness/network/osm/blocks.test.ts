import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import Pbf from 'pbf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importOsmPbf } from './index.js';
import { writeOsmPbf } from './pbf-writer.js';

/** Hand-made framing, so each test breaks exactly one thing the importer checks. */

function message(write: (pbf: Pbf) => void): Uint8Array {
  const pbf = new Pbf();
  write(pbf);
  return pbf.finish();
}

function framedHeader(header: Uint8Array, blob: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  return Buffer.concat([length, header, blob]);
}

function framed(type: string, blob: Uint8Array, dataBytes = blob.length): Buffer {
  const header = message((pbf) => {
    pbf.writeStringField(1, type);
    pbf.writeVarintField(3, dataBytes);
  });
  return framedHeader(header, blob);
}

function zlibBlob(payload: Uint8Array, rawBytes = payload.length): Uint8Array {
  return message((pbf) => {
    pbf.writeVarintField(2, rawBytes);
    pbf.writeBytesField(3, deflateSync(payload));
  });
}

function osmHeader(features = ['OsmSchema-V0.6', 'DenseNodes']): Buffer {
  const block = message((pbf) => {
    for (const feature of features) pbf.writeStringField(4, feature);
  });
  return framed('OSMHeader', zlibBlob(block));
}

/** The same file with every block stored raw (Blob field 1) instead of zlib (field 3). */
function uncompressed(file: Buffer): Buffer {
  const blocks: Buffer[] = [];
  for (let offset = 0; offset < file.length;) {
    const headerEnd = offset + 4 + file.readUInt32BE(offset);
    const header = new Pbf(file.subarray(offset + 4, headerEnd));
    const { type, dataBytes } = header.readFields(
      (field, h, pbf) => {
        if (field === 1) h.type = pbf.readString();
        if (field === 3) h.dataBytes = pbf.readVarint();
      },
      { type: '', dataBytes: 0 },
    );
    const blob = new Pbf(file.subarray(headerEnd, headerEnd + dataBytes));
    const zlib = blob.readFields((field, b, pbf) => {
      if (field === 3) b.push(pbf.readBytes());
    }, [] as Uint8Array[]);
    const raw = message((pbf) => pbf.writeBytesField(1, inflateSync(zlib[0]!)));
    blocks.push(framed(type, raw));
    offset = headerEnd + dataBytes;
  }
  return Buffer.concat(blocks);
}

const TYPE_OSM_HEADER = [...Buffer.from('OSMHeader')];

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'osm-blocks-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function importFails(bytes: Uint8Array, reason: string): Promise<void> {
  const file = join(dir, 'bad.osm.pbf');
  await writeFile(file, bytes);
  await expect(importOsmPbf(file, join(dir, 'net'))).rejects.toMatchObject({
    code: 'ATB_OSM_INVALID',
    details: { path: file, reason },
  });
}

describe('importOsmPbf block framing', () => {
  it('reads blocks stored uncompressed', async () => {
    const compressed = join(dir, 'zlib.osm.pbf');
    await writeOsmPbf(compressed, {
      nodes: [
        { id: 1, lon: -1.2, lat: 54.1 },
        { id: 2, lon: -1.19, lat: 54.11 },
      ],
      ways: [{ id: 7, refs: [1, 2], tags: { highway: 'primary', ref: 'A19' } }],
    });
    const file = join(dir, 'raw.osm.pbf');
    await writeFile(file, uncompressed(await readFile(compressed)));

    const summary = await importOsmPbf(file, join(dir, 'net'));
    expect(summary).toMatchObject({ roadsWritten: 1, nodesUsed: 2, nodesMissing: 0 });
  });

  it('reports an empty file', async () => {
    await importFails(new Uint8Array(0), 'the file is empty');
  });

  it('reports a file that starts with a data block', async () => {
    const bytes = framed('OSMData', zlibBlob(new Uint8Array(0)));
    await importFails(bytes, 'not an OSM PBF file (no OSMHeader block)');
  });

  it('reports a block header of zero bytes', async () => {
    await importFails(Buffer.alloc(8), 'not an OSM PBF file (bad block header at byte 0)');
  });

  it('reports a bad block header after a good block with its offset', async () => {
    const header = osmHeader();
    const bytes = Buffer.concat([header, Buffer.from([0xff, 0xff, 0xff, 0xff])]);
    await importFails(bytes, `not an OSM PBF file (bad block header at byte ${header.length})`);
  });

  it('reports a block that claims more than 32 MiB', async () => {
    const bytes = framed('OSMHeader', zlibBlob(new Uint8Array(0)), 32 * 1024 * 1024 + 1);
    await importFails(bytes, 'not an OSM PBF file (bad block header at byte 0)');
  });

  it('reports a block header field that runs past the header', async () => {
    const header = Uint8Array.of((1 << 3) | 2, 20, ...TYPE_OSM_HEADER);
    await importFails(
      framedHeader(header, new Uint8Array(0)),
      'not an OSM PBF file (bad block header at byte 0)',
    );
  });

  it('reports a block header that ends inside a varint', async () => {
    const header = Uint8Array.of((1 << 3) | 2, 9, ...TYPE_OSM_HEADER, 3 << 3, 0x80);
    await importFails(
      framedHeader(header, new Uint8Array(0)),
      'not an OSM PBF file (bad block header at byte 0)',
    );
  });

  it('reports a block header with a varint longer than ten bytes', async () => {
    const tooLong = [...Array<number>(10).fill(0xff), 0x01];
    const header = Uint8Array.of(
      (1 << 3) | 2,
      9,
      ...TYPE_OSM_HEADER,
      9 << 3,
      ...tooLong,
      3 << 3,
      0,
    );
    await importFails(
      framedHeader(header, new Uint8Array(0)),
      'not an OSM PBF file (bad block header at byte 0)',
    );
  });

  it('reports a block whose field runs past the block', async () => {
    const blob = Uint8Array.of((3 << 3) | 2, 50, 1, 2, 3);
    await importFails(framed('OSMHeader', blob), 'corrupt block at byte 0');
  });

  it('reports a block with an unknown wire type', async () => {
    await importFails(framed('OSMHeader', Uint8Array.of((5 << 3) | 3)), 'corrupt block at byte 0');
  });

  it('names an unsupported compression', async () => {
    const blob = message((pbf) => {
      pbf.writeVarintField(2, 10);
      pbf.writeBytesField(4, Uint8Array.of(1, 2, 3));
    });
    await importFails(
      framed('OSMHeader', blob),
      'lzma compression is not supported (block at byte 0)',
    );
  });

  it('reports a block with no data as of unknown compression', async () => {
    const blob = message((pbf) => pbf.writeVarintField(2, 10));
    await importFails(
      framed('OSMHeader', blob),
      'unknown compression is not supported (block at byte 0)',
    );
  });

  it('reports a block whose inflated size differs from the size it states', async () => {
    const blob = zlibBlob(Uint8Array.of((4 << 3) | 2, 1, 65), 4);
    await importFails(framed('OSMHeader', blob), 'corrupt compressed block at byte 0');
  });

  it('reports an OSMHeader block too damaged to read', async () => {
    const blob = zlibBlob(Uint8Array.of((4 << 3) | 2, 30, 65));
    await importFails(framed('OSMHeader', blob), 'corrupt OSMHeader block');
  });

  it('names the features it does not support', async () => {
    const bytes = osmHeader(['OsmSchema-V0.6', 'HistoricalInformation', 'Sort.Type_then_ID']);
    await importFails(
      bytes,
      'it requires unsupported features: HistoricalInformation, Sort.Type_then_ID',
    );
  });

  it('reports a data block too damaged to decode with its offset', async () => {
    const header = osmHeader();
    const data = framed('OSMData', zlibBlob(Uint8Array.of((2 << 3) | 2, 5, 0x1a, 0x03)));
    await importFails(Buffer.concat([header, data]), `corrupt data block at byte ${header.length}`);
  });
});
