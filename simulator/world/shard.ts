import { hashString, mix } from '../random.js';
import type { HotlistChange } from './types.js';

/** Shard i of n, counting from 0. */
export interface ShardSpec {
  index: number;
  count: number;
}

/**
 * Which records a shard owns. A vehicle's trips, sightings and reads go to one shard by a
 * hash of its id; an offender group's journeys and offences by a hash of its name; a
 * hotlist change by its vehicle (or its entry id). Every record has exactly one owner, so
 * the shards together are the whole run.
 */
export class ShardFilter {
  readonly spec: ShardSpec;

  constructor(spec: ShardSpec) {
    if (!Number.isInteger(spec.count) || spec.count < 1 || !Number.isInteger(spec.index)) {
      throw new RangeError(`Invalid shard ${spec.index}/${spec.count}`);
    }
    if (spec.index < 0 || spec.index >= spec.count) {
      throw new RangeError(`Shard index ${spec.index} is outside 0 to ${spec.count - 1}`);
    }
    this.spec = spec;
  }

  private owns(key: number): boolean {
    return this.spec.count === 1 || mix(key, 0x5a4d) % this.spec.count === this.spec.index;
  }

  hasVehicle(vehicleId: number): boolean {
    return this.owns(vehicleId);
  }

  hasGroup(groupName: string): boolean {
    return this.owns(hashString(groupName));
  }

  hasHotlistChange(change: HotlistChange): boolean {
    return change.vehicleId === null
      ? this.owns(hashString(change.entryId))
      : this.owns(change.vehicleId);
  }
}
