import type { Read } from '../../simulator/world/types.js';
import { iso } from '../generate/records.js';
import type * as Wire from '../hub-api/protocol.js';
import { wireRead } from '../runner/wire.js';

/** One request of an exported load test: when it is meant to go, and what it posts. */
export interface ExportBatch {
  /** Wall-clock milliseconds after the start of the test. */
  offsetMs: number;
  /** The body of `POST /v1/sessions/{id}/reads`, as the Hub API carries it. */
  body: Wire.ReadBatch;
}

export interface BatchRule {
  /** The simulated time the test starts at: the scenario's start. */
  startMs: number;
  /** Simulated seconds per wall-clock second. */
  speed: number;
  /** Reads per request, at most. */
  batch: number;
  /** A request that is not yet full goes this long after its first read was due, ms. */
  holdMs: number;
}

/**
 * Groups reads, in delivery order, into requests by the open-loop generator's rule
 * (`harness/load/schedule.ts`): a read is due at its delivery time, scaled to the wall
 * clock; a request goes when it is full, at its last read's due time, or when its first
 * read has waited `holdMs`. The last request goes with its last read. Only the wire form
 * of each read leaves: the scoring fields stay behind.
 */
export function* batchReads(reads: Iterable<Read>, rule: BatchRule): Generator<ExportBatch> {
  let open: Read[] = [];
  let firstMs = 0;
  let lastMs = 0;
  for (const read of reads) {
    const dueMs = Math.max(0, (read.deliveredAtMs - rule.startMs) / rule.speed);
    if (open.length > 0 && dueMs > firstMs + rule.holdMs) {
      yield request(open, firstMs + rule.holdMs, rule);
      open = [];
    }
    if (open.length === 0) firstMs = dueMs;
    open.push(read);
    lastMs = dueMs;
    if (open.length === rule.batch) {
      yield request(open, dueMs, rule);
      open = [];
    }
  }
  if (open.length > 0) yield request(open, lastMs, rule);
}

function request(reads: readonly Read[], atMs: number, rule: BatchRule): ExportBatch {
  return {
    offsetMs: Math.round(atMs),
    body: {
      sentAt: iso(Math.round(rule.startMs + atMs * rule.speed)),
      reads: reads.map(wireRead),
    },
  };
}
