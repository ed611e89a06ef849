import type { CameraSite } from '../harness/hub-api/protocol.js';
import type { CameraWatch, LonLat } from '../simulator/network/index.js';
import type { RoadModel } from './road-model.js';

/** A camera site as a session knows it. */
export interface Camera {
  site: CameraSite;
  position: LonLat;
  /**
   * Whether a read says where the vehicle was. In-car cameras are registered at
   * their unit's base and read wherever the car goes, so their reads place nothing.
   */
  placesVehicle: boolean;
  /**
   * The directions of travel it watches on the graph, worked out when first needed.
   */
  watches: CameraWatch[] | null;
}

/** A session's camera site registry, replaced whole by each registry message. */
export class Cameras {
  private byId = new Map<string, Camera>();

  constructor(private readonly roads: RoadModel) {}

  get size(): number {
    return this.byId.size;
  }

  replace(sites: readonly CameraSite[]): void {
    this.byId = new Map(
      sites.map((site) => [
        site.cameraId,
        {
          site,
          position: [site.position.lon, site.position.lat] as const,
          placesVehicle: site.kind !== 'in-car',
          watches: null,
        },
      ]),
    );
  }

  get(cameraId: string): Camera | undefined {
    return this.byId.get(cameraId);
  }

  watchesOf(camera: Camera): CameraWatch[] {
    camera.watches ??= this.roads.watchesOf(camera.site);
    return camera.watches;
  }
}
