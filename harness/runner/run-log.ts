import { performance } from 'node:perf_hooks';
import { NdjsonWriter } from '../generate/ndjson.js';
import { iso } from '../generate/records.js';

/**
 * The run log: one NDJSON line for everything the harness sent to the hub and everything
 * it got back, with the wall-clock time, the milliseconds since the run began and the
 * simulated time. Reads are logged by batch (their ids, not their contents, which the
 * scenario and seed give back); events from the hub are logged whole.
 */
export class RunLog {
  private readonly writer: NdjsonWriter | null;
  private readonly startedAt = performance.now();
  private simMs = 0;

  /** With no path, nothing is written (for tests and benchmarks). */
  constructor(path: string | null) {
    this.writer = path === null ? null : new NdjsonWriter(path);
  }

  /** Sets the simulated time later entries carry. */
  at(simMs: number): void {
    this.simMs = simMs;
  }

  write(kind: string, data: Record<string, unknown>): void {
    if (!this.writer) return;
    const elapsed = performance.now() - this.startedAt;
    this.writer.write(
      JSON.stringify({
        kind,
        wall: new Date().toISOString(),
        elapsedMs: Math.round(elapsed * 1000) / 1000,
        sim: iso(this.simMs),
        ...data,
      }),
    );
  }

  close(): void {
    this.writer?.close();
  }
}
