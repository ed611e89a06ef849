import { closeSync, openSync, writeSync } from 'node:fs';
import { TestbedError } from '../../simulator/errors.js';

const CHUNK_BYTES = 1 << 20;

/**
 * An NDJSON file written through one reused 1 MB buffer with synchronous writes. Reads
 * and sightings go out by the million, and encoding each line straight into the buffer
 * makes no garbage, where joining lines into large strings made the collector the
 * generator's biggest cost. Generation is a batch job, so blocking on the disk is fine.
 *
 * Besides whole lines, a line can be put together a piece at a time (`room`, `bytes`,
 * `ascii`, `number`, `end`) with no string made for it at all.
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
    // Three bytes a character is the most UTF-8 needs for anything JSON.stringify leaves.
    if (this.offset + line.length * 3 + 1 > CHUNK_BYTES) {
      this.drain();
      if (line.length * 3 + 1 > CHUNK_BYTES) {
        this.lines++;
        this.guard(() => writeSync(this.fd, `${line}\n`));
        return;
      }
    }
    this.offset += this.buffer.write(line, this.offset, 'utf8');
    this.end();
  }

  /**
   * Makes sure the next `bytes` bytes fit in the buffer. A line built from pieces must
   * ask for room for all of it first (a piece may not drain the buffer mid-line).
   */
  room(bytes: number): void {
    if (this.offset + bytes > CHUNK_BYTES) this.drain();
  }

  /** Bytes made once, such as a line's constant parts. */
  bytes(part: Uint8Array): void {
    this.buffer.set(part, this.offset);
    this.offset += part.length;
  }

  /** One byte. */
  byte(code: number): void {
    this.buffer[this.offset++] = code;
  }

  /**
   * A string the caller knows to be printable ASCII with no quote or backslash, so in need
   * of no JSON escaping, such as an id or a mark the simulator made. Anything else is a
   * programming error, not bad input, and is refused rather than written as broken JSON.
   */
  ascii(text: string): void {
    const { buffer } = this;
    let at = this.offset;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code > 0x7e || code < 0x20 || code === 0x22 || code === 0x5c)
        throw new Error(`Not plain ASCII: ${JSON.stringify(text)}`);
      buffer[at++] = code;
    }
    this.offset = at;
  }

  /** A number as JSON writes it; whole numbers from 0 up without making a string. */
  number(n: number): void {
    if (Number.isSafeInteger(n) && n >= 0) this.padded(n, 1);
    else this.ascii(JSON.stringify(n));
  }

  /** A whole number from 0 up in decimal, with leading zeros to at least `width` digits. */
  padded(n: number, width: number): void {
    const { buffer } = this;
    let digits = 1;
    for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    if (digits < width) digits = width;
    let at = this.offset + digits;
    this.offset = at;
    let rest = n;
    for (let i = 0; i < digits; i++) {
      buffer[--at] = 48 + (rest % 10);
      rest = Math.floor(rest / 10);
    }
  }

  /** Ends the line. */
  end(): void {
    this.buffer[this.offset++] = 0x0a;
    this.lines++;
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
