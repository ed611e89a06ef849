import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TSchema } from '@sinclair/typebox';
import { TestbedError } from '../../simulator/errors.js';
import {
  BaseCollection,
  BoundaryCollection,
  CameraCollection,
  GatewayCollection,
  NETWORK_FILES,
  PlaceCollection,
  RoadCollection,
  type NetworkFixture,
} from '../../simulator/network/index.js';
import { readJsonFile } from '../json-file.js';
import { bundledNetworkDir } from '../paths.js';

const EMPTY = { type: 'FeatureCollection', features: [] } as const;

/**
 * Reads a network folder. `roads.geojson` is required; places, gateways, bases, cameras
 * and the boundary are optional and read as empty when absent.
 */
export async function loadNetworkFixture(
  dir: string = bundledNetworkDir(),
): Promise<NetworkFixture> {
  if (!existsSync(dir)) throw new TestbedError('ATB_FILE_NOT_FOUND', { path: dir });
  if (!statSync(dir).isDirectory()) {
    throw new TestbedError('ATB_CLI_USAGE', {
      detail: `--network must name a folder; ${dir} is a file`,
    });
  }
  const optional = async <S extends TSchema>(file: string, schema: S, what: string) => {
    const path = join(dir, file);
    return existsSync(path) ? readJsonFile(path, schema, what) : null;
  };
  const [roads, places, gateways, bases, cameras, boundary] = await Promise.all([
    readJsonFile(
      join(dir, NETWORK_FILES.roads),
      RoadCollection,
      'road collection (GeoJSON LineStrings)',
    ),
    optional(NETWORK_FILES.places, PlaceCollection, 'place collection'),
    optional(NETWORK_FILES.gateways, GatewayCollection, 'gateway collection'),
    optional(NETWORK_FILES.bases, BaseCollection, 'police base collection'),
    optional(NETWORK_FILES.cameras, CameraCollection, 'camera site collection'),
    optional(NETWORK_FILES.boundary, BoundaryCollection, 'boundary collection'),
  ]);
  return {
    roads,
    places: places ?? { ...EMPTY, features: [] },
    gateways: gateways ?? { ...EMPTY, features: [] },
    bases: bases ?? { ...EMPTY, features: [] },
    cameras: cameras ?? { ...EMPTY, features: [] },
    boundary,
  };
}
