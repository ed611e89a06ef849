import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Random } from '../../simulator/random.js';
import type { Read, Sighting } from '../../simulator/world/types.js';
import { NdjsonWriter } from './ndjson.js';
import { iso, writeRead, writeSighting } from './records.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atb-records-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes records with `write` into a real file, and reads its lines back as JSON. */
async function written<T>(
  records: T[],
  write: (out: NdjsonWriter, record: T) => void,
): Promise<unknown[]> {
  const out = new NdjsonWriter(join(dir, 'out.ndjson'));
  for (const record of records) write(out, record);
  out.close();
  expect(out.lines).toBe(records.length);
  const text = await readFile(out.path, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

/** A read's line, as JSON.stringify would make it from its fields. */
function readJson(r: Read): object {
  return {
    readId: r.readId,
    vrm: r.vrm,
    cameraId: r.cameraId,
    capturedAt: iso(r.capturedAtMs),
    deliveredAt: iso(r.deliveredAtMs),
    confidence: r.confidence,
    headingDeg: r.headingDeg,
    sightingId: r.sightingId,
    error: r.error,
    duplicate: r.duplicate,
  };
}

const READ: Read = {
  readId: 't-1-2-3-0-r1',
  sightingId: 't-1-2-3-0',
  vrm: 'YK71ABC',
  cameraId: 'fx-a64-border',
  capturedAtMs: 1_794_506_400_123,
  deliveredAtMs: 1_794_506_401_500,
  confidence: 0.931,
  headingDeg: 271,
  error: 'none',
  duplicate: false,
  vehicleId: 1,
  shownVrm: 'YK71ABC',
};

describe('output lines', () => {
  it('formats times exactly as Date does, across minutes, days and years', () => {
    const samples = [
      0, 59_999, 60_000, 1_794_506_399_999, 1_794_506_400_000, 1_798_761_599_500, 1_709_251_199_005,
    ];
    for (const ms of samples) expect(iso(ms)).toBe(new Date(ms).toISOString());
    for (let ms = 1_794_506_000_000; ms < 1_794_506_400_000; ms += 7_919) {
      expect(iso(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('writes a read as the JSON of its fields, in a fixed order', async () => {
    const [line] = await written([READ], writeRead);
    expect(JSON.stringify(line)).toBe(
      '{"readId":"t-1-2-3-0-r1","vrm":"YK71ABC","cameraId":"fx-a64-border",' +
        '"capturedAt":"2026-11-12T18:00:00.123Z","deliveredAt":"2026-11-12T18:00:01.500Z",' +
        '"confidence":0.931,"headingDeg":271,"sightingId":"t-1-2-3-0","error":"none",' +
        '"duplicate":false}',
    );
  });

  it('writes varied reads exactly as JSON.stringify would, across buffer refills', async () => {
    const random = new Random(11);
    const cameras = ['fx-a1m-j49', 'c"a\\b', 'van-05', 'pnc-é-site'];
    const errors: Read['error'][] = ['none', 'misread', 'partial'];
    // Enough lines (about 190 bytes each) to fill the 1 MB buffer several times over.
    const reads: Read[] = Array.from({ length: 20_000 }, (_, i) => {
      const capturedAtMs = 1_794_400_000_000 + random.int(200_000_000);
      const thousandths = random.int(1001);
      return {
        ...READ,
        readId: `t-${i}-0-${random.int(9)}-${random.int(40)}-r${1 + random.int(2)}`,
        sightingId: `t-${i}-0-1-2`,
        vrm: ['YK71ABC', 'AB1', 'M4', 'X12ABC', '?'][random.int(5)]!,
        cameraId: random.pick(cameras),
        capturedAtMs,
        deliveredAtMs: capturedAtMs + random.int(900_000),
        // Mostly whole thousandths, as the sensor makes them; some with more digits.
        confidence: random.chance(0.9) ? thousandths / 1000 : random.next(),
        headingDeg: random.int(360),
        error: random.pick(errors),
        duplicate: random.chance(0.1),
      };
    });
    const lines = await written(reads, writeRead);
    expect(lines).toEqual(reads.map(readJson));
  });

  it('writes sightings with their camera ids escaped', async () => {
    const sighting: Sighting = {
      sightingId: 's-1',
      vehicleId: 4,
      tripId: 't',
      vrm: 'AB1',
      cameraId: 'c"a\\b',
      cameraKind: 'in-car',
      atMs: 0,
      edge: 3,
      headingDeg: 0,
    };
    const lines = await written([sighting, { ...sighting, vehicleId: 1_234_567 }], writeSighting);
    expect(lines).toEqual([
      {
        sightingId: 's-1',
        vehicleId: 4,
        tripId: 't',
        vrm: 'AB1',
        cameraId: 'c"a\\b',
        cameraKind: 'in-car',
        at: '1970-01-01T00:00:00.000Z',
      },
      expect.objectContaining({ vehicleId: 1_234_567 }),
    ]);
  });
});

describe('piecewise lines', () => {
  it('writes numbers as JSON does and pads whole numbers', async () => {
    const numbers = [0, 7, 10, 99, 1_000_000, 2 ** 53 - 1, -3, 0.5, 1e21, 12.25];
    const lines = await written(numbers, (out, n) => {
      out.room(64);
      out.byte(0x5b);
      out.number(n);
      out.byte(0x2c);
      out.byte(0x22);
      out.padded(Number.isSafeInteger(n) && n >= 0 ? n % 1000 : 5, 3);
      out.byte(0x22);
      out.byte(0x5d);
      out.end();
    });
    expect(lines).toEqual(
      numbers.map((n) => [
        n,
        Number.isSafeInteger(n) && n >= 0 ? String(n % 1000).padStart(3, '0') : '005',
      ]),
    );
    const text = await readFile(join(dir, 'out.ndjson'), 'utf8');
    expect(text.split('\n').slice(0, 4)).toEqual([
      '[0,"000"]',
      '[7,"007"]',
      '[10,"010"]',
      '[99,"099"]',
    ]);
    expect(text).toContain('[1e+21,"005"]\n[12.25,"005"]\n');
  });

  it('refuses text that is not plain ASCII rather than write it unescaped', () => {
    const out = new NdjsonWriter(join(dir, 'refused.ndjson'));
    out.room(64);
    expect(() => out.ascii('t-12-0-3-r1')).not.toThrow();
    expect(() => out.ascii('a"b')).toThrow(/Not plain ASCII/);
    expect(() => out.ascii('a\\b')).toThrow(/Not plain ASCII/);
    expect(() => out.ascii('café')).toThrow(/Not plain ASCII/);
    expect(() => out.ascii('line\nbreak')).toThrow(/Not plain ASCII/);
    out.close();
  });
});
