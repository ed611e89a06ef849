import type { Vehicle } from '../world/types.js';

/**
 * What the hotlist needs from the vehicle registry. Declared here rather than
 * imported so that intelligence depends only on this shape, not on how the registry
 * is built.
 */
export interface RegistryView {
  /** Vehicles are numbered 0 to size - 1. */
  readonly size: number;
  get(id: number): Vehicle;
  vrmOf(id: number): string;
  /** The vehicle that carries this mark, if any. */
  idOf(vrm: string): number | undefined;
}
