import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { TestbedError } from '../../simulator/errors.js';

/**
 * An NDJSON file written in large chunks, waiting for the disk when it falls behind, so
 * memory stays flat however many lines go through.
 */
export class NdjsonWriter {
  readonly path: string;
  private readonly stream: WriteStream;
  private buffer: string[] = [];
  private bufferedChars = 0;
  private failure: Error | null = null;
  lines = 0;

  constructor(path: string) {
    this.path = path;
    this.stream = createWriteStream(path, { highWaterMark: 1 << 20 });
    this.stream.on('error', (err) => {
      this.failure = err;
    });
  }

  /** Queues a line; call `flush` now and then to hand queued lines to the file. */
  write(line: string): void {
    this.buffer.push(line);
    this.bufferedChars += line.length + 1;
    this.lines++;
  }

  async flush(): Promise<void> {
    this.check();
    if (this.buffer.length === 0) return;
    const chunk = `${this.buffer.join('\n')}\n`;
    this.buffer = [];
    this.bufferedChars = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  get pendingChars(): number {
    return this.bufferedChars;
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
    this.check();
  }

  private check(): void {
    if (this.failure) {
      const code = (this.failure as NodeJS.ErrnoException).code ?? this.failure.message;
      throw new TestbedError('ATB_FILE_UNWRITABLE', { path: this.path, reason: code });
    }
  }
}
