import { closeSync, openSync, writeSync } from 'node:fs';
import { TestbedError } from '../../simulator/errors.js';

const CHUNK_BYTES = 1 << 20;

/**
 * An NDJSON file written through one reused 1 MB buffer with synchronous writes. Reads
 * and sightings go out by the million, and encoding each line straight into the buffer
 * makes no garbage, where joining lines into large strings made the collector the
 * generator's biggest cost. Generation is a batch job, so blocking on the disk is fine.
 */
export class NdjsonWriter {
  readonly path: string;
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private offset = 0;
  lines = 0;

  constructor(path: string) {
    this.path = path;
    this.fd = this.guard(() => openSync(path, 'w'));
  }

  write(line: string): void {
    this.lines++;
    // Three bytes a character is the most UTF-8 needs for anything JSON.stringify leaves.
    if (this.offset + line.length * 3 + 1 > CHUNK_BYTES) {
      this.drain();
      if (line.length * 3 + 1 > CHUNK_BYTES) {
        this.guard(() => writeSync(this.fd, `${line}\n`));
        return;
      }
    }
    this.offset += this.buffer.write(line, this.offset, 'utf8');
    this.buffer[this.offset++] = 0x0a;
  }

  close(): void {
    this.drain();
    this.guard(() => closeSync(this.fd));
  }

  private drain(): void {
    let written = 0;
    while (written < this.offset) {
      written += this.guard(() => writeSync(this.fd, this.buffer, written, this.offset - written));
    }
    this.offset = 0;
  }

  private guard<T>(action: () => T): T {
    try {
      return action();
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code ?? String(err);
      throw new TestbedError('ATB_FILE_UNWRITABLE', { path: this.path, reason });
    }
  }
}
