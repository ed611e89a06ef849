import { createWriteStream } from 'node:fs';
import { access, constants, mkdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  NETWORK_FILES,
  type Metadata,
  type PlaceFeature,
  type RoadFeature,
} from '../../../simulator/network/index.js';
import { isSystemError, unwritable } from './errors.js';
import { emptyMetadata, placesMetadata, roadsMetadata } from './metadata.js';
import type { ProgressSink } from './types.js';

/**
 * The five network files, each written under a temporary name and renamed into place
 * only once all are written, so a failed import leaves no half network behind.
 */

const PROGRESS_EVERY = 1000;

interface StagedFile {
  temporary: string;
  final: string;
}

export async function prepareOutDir(outDir: string): Promise<void> {
  try {
    await mkdir(outDir, { recursive: true });
    await access(outDir, constants.W_OK);
  } catch (err) {
    throw unwritable(outDir, err);
  }
}

export async function writeNetwork(
  outDir: string,
  file: string,
  roads: Iterable<RoadFeature>,
  places: readonly PlaceFeature[],
  report: ProgressSink,
): Promise<StagedFile[]> {
  const source = `OpenStreetMap contributors, ${basename(file)}`;
  const empty = (what: string): Metadata => emptyMetadata(what, source);
  // Roads go last: a folder with roads.geojson is a network, so it appears last.
  const files: [string, Metadata, Iterable<unknown>][] = [
    [NETWORK_FILES.places, placesMetadata(source), places],
    [NETWORK_FILES.gateways, empty('border gateways'), []],
    [NETWORK_FILES.bases, empty('police bases'), []],
    [NETWORK_FILES.cameras, empty('camera sites'), []],
    [NETWORK_FILES.roads, roadsMetadata(source), withProgress(roads, report)],
  ];
  const staged: StagedFile[] = [];
  try {
    for (const [name, metadata, features] of files) {
      const target = stagedFile(outDir, name);
      staged.push(target);
      await pipeline(
        Readable.from(collectionLines(metadata, features)),
        createWriteStream(target.temporary),
      );
    }
  } catch (err) {
    await discard(staged);
    // Only file-system failures are ours to name; a throwing onProgress passes on.
    throw isSystemError(err) ? unwritable(outDir, err) : err;
  }
  return staged;
}

function stagedFile(outDir: string, name: string): StagedFile {
  return { final: join(outDir, name), temporary: join(outDir, `.${name}.${process.pid}.partial`) };
}

function* withProgress(roads: Iterable<RoadFeature>, report: ProgressSink): Generator<RoadFeature> {
  let written = 0;
  for (const road of roads) {
    yield road;
    written += 1;
    if (written % PROGRESS_EVERY === 0) report({ phase: 'write', items: written });
  }
  report({ phase: 'write', items: written });
}

/** One feature a line, so a large network streams out and diffs readably. */
function* collectionLines(metadata: Metadata, features: Iterable<unknown>): Generator<string> {
  yield `{"type":"FeatureCollection","metadata":${JSON.stringify(metadata)},"features":[`;
  let separator = '\n';
  for (const feature of features) {
    yield separator + JSON.stringify(feature);
    separator = ',\n';
  }
  yield separator === '\n' ? ']}\n' : '\n]}\n';
}

export async function commit(staged: readonly StagedFile[]): Promise<void> {
  for (const file of staged) {
    try {
      await rename(file.temporary, file.final);
    } catch (err) {
      await discard(staged);
      throw unwritable(file.final, err);
    }
  }
}

export async function discard(staged: readonly StagedFile[]): Promise<void> {
  await Promise.all(staged.map((file) => rm(file.temporary, { force: true })));
}
