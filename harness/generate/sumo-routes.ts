import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Trip } from '../../simulator/world/types.js';
import { sumoEdgeId } from '../network/sumo-export.js';
import { NdjsonWriter } from './ndjson.js';

/**
 * Trips as a SUMO route file over the network `network export-sumo` writes, so SUMO can run
 * the same day. A vehicle's id is its mark (as shown on the trip); its later trips that day
 * are `MARK#2`, `MARK#3`, since SUMO needs one id per departure. Departure times are
 * seconds from the scenario's start; trips that depart before it are left out.
 */
export class SumoRouteWriter {
  readonly path: string;
  private readonly out: NdjsonWriter;
  private readonly startMs: number;
  private readonly seen = new Map<string, number>();

  private constructor(path: string, startMs: number) {
    this.path = path;
    this.startMs = startMs;
    this.out = new NdjsonWriter(path);
    this.out.write('<?xml version="1.0" encoding="UTF-8"?>');
    this.out.write(
      '<!-- Written by anpr-testbed generate (the sumo option); ' +
        'use the network of network export-sumo -->',
    );
    this.out.write('<routes>');
  }

  static async open(dir: string, startMs: number): Promise<SumoRouteWriter> {
    await mkdir(dir, { recursive: true });
    return new SumoRouteWriter(join(dir, 'anpr.rou.xml'), startMs);
  }

  write(trips: readonly Trip[]): void {
    for (const trip of trips) {
      if (trip.departMs < this.startMs || trip.edges.length === 0) continue;
      const n = (this.seen.get(trip.vrm) ?? 0) + 1;
      this.seen.set(trip.vrm, n);
      const id = n === 1 ? trip.vrm : `${trip.vrm}#${n}`;
      const depart = ((trip.departMs - this.startMs) / 1000).toFixed(1);
      const edges = Array.from(trip.edges, sumoEdgeId).join(' ');
      this.out.write(
        `  <vehicle id="${escape(id)}" depart="${depart}"><route edges="${edges}"/></vehicle>`,
      );
    }
  }

  close(): void {
    this.out.write('</routes>');
    this.out.close();
  }
}

function escape(text: string): string {
  return text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
