import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TestbedError } from '../../simulator/errors.js';
import { NdjsonWriter } from '../generate/ndjson.js';
import type { ExportBatch } from './batches.js';
import { shardFile } from './k6-script.js';

/** What one shard file ended up holding. */
export interface ShardSummary {
  file: string;
  path: string;
  requests: number;
  reads: number;
  bytes: number;
}

/**
 * The shard files of an export, written as the requests come: request k goes to shard
 * k mod n, so each shard holds every n-th request, in time order. A file is a JSON array
 * with one request a line. Nothing is written until the first request comes, so an export
 * with no reads leaves no files behind.
 */
export class ShardFiles {
  private readonly dir: string;
  private readonly count: number;
  private writers: NdjsonWriter[] = [];
  private readonly requests: number[];
  private readonly reads: number[];
  private dealt = 0;

  constructor(dir: string, count: number) {
    this.dir = dir;
    this.count = count;
    this.requests = new Array<number>(count).fill(0);
    this.reads = new Array<number>(count).fill(0);
  }

  add(batch: ExportBatch): void {
    if (this.writers.length === 0) this.open();
    const shard = this.dealt++ % this.count;
    this.writers[shard]!.write(`${this.requests[shard]! > 0 ? ',' : ''}${JSON.stringify(batch)}`);
    this.requests[shard]!++;
    this.reads[shard]! += batch.body.reads.length;
  }

  /** Requests dealt so far. */
  get total(): number {
    return this.dealt;
  }

  close(): ShardSummary[] {
    return this.writers.map((writer, i) => {
      writer.write(']');
      writer.close();
      return {
        file: shardFile(i + 1, this.count),
        path: writer.path,
        requests: this.requests[i]!,
        reads: this.reads[i]!,
        bytes: statSync(writer.path).size,
      };
    });
  }

  /** Makes the folder, clears shard files an earlier export left there, opens the files. */
  private open(): void {
    guard(this.dir, () => mkdirSync(this.dir, { recursive: true }));
    for (const name of readdirSync(this.dir)) {
      if (/^reads-\d+-of-\d+\.json$/.test(name))
        guard(this.dir, () => rmSync(join(this.dir, name)));
    }
    for (let n = 1; n <= this.count; n++) {
      const writer = new NdjsonWriter(join(this.dir, shardFile(n, this.count)));
      writer.write('[');
      this.writers.push(writer);
    }
  }
}

function guard(path: string, action: () => unknown): void {
  try {
    action();
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new TestbedError('ATB_FILE_UNWRITABLE', { path, reason });
  }
}
