import { roundDeg, type ParsedNode } from './entities.js';

/**
 * Positions of the nodes the kept roads need: a sorted id array searched by bisection,
 * with parallel coordinate arrays, about 25 bytes a node where a Map of objects costs
 * over 100.
 */
export class NodePositions {
  private readonly lons: Float64Array;
  private readonly lats: Float64Array;
  private readonly used: Uint8Array;
  found = 0;

  private constructor(private readonly ids: Float64Array) {
    this.lons = new Float64Array(ids.length).fill(NaN);
    this.lats = new Float64Array(ids.length).fill(NaN);
    this.used = new Uint8Array(ids.length);
  }

  static forRefs(refs: readonly number[]): NodePositions {
    const sorted = Float64Array.from(refs).sort();
    let unique = 0;
    for (let i = 0; i < sorted.length; i++) {
      if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[unique++] = sorted[i]!;
    }
    return new NodePositions(sorted.slice(0, unique));
  }

  get needed(): number {
    return this.ids.length;
  }

  get usedCount(): number {
    return this.used.reduce((sum, flag) => sum + flag, 0);
  }

  record(node: ParsedNode): void {
    const i = this.indexOf(node.id);
    if (i < 0 || !Number.isNaN(this.lons[i]!)) return;
    this.lons[i] = roundDeg(node.lon);
    this.lats[i] = roundDeg(node.lat);
    this.found += 1;
  }

  /** Marks the node as used by a written road. */
  take(id: number): [number, number] | undefined {
    const i = this.indexOf(id);
    if (i < 0 || Number.isNaN(this.lons[i]!)) return undefined;
    this.used[i] = 1;
    return [this.lons[i]!, this.lats[i]!];
  }

  private indexOf(id: number): number {
    let low = 0;
    let high = this.ids.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const midId = this.ids[mid]!;
      if (midId === id) return mid;
      if (midId < id) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }
}
