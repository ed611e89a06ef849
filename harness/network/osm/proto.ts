import Pbf from 'pbf';

export const WIRE_VARINT = 0;
export const WIRE_BYTES = 2;

export type FieldReader<T> = (field: number, result: T, pbf: Pbf) => void;

/**
 * Reads each field of a protobuf message into `result` with pbf's reader. That reader
 * lets a field run past the end of the bytes and skips a varint of any length; both
 * mean the bytes are corrupt, so here they throw, as pbf's own checks do. Callers turn
 * the throw into an error that names the block.
 */
export function readMessage<T>(bytes: Uint8Array, readField: FieldReader<T>, result: T): T {
  const pbf = new Pbf(bytes);
  pbf.readFields(strictly(readField), result);
  if (pbf.pos > pbf.length) throw new RangeError('Truncated field');
  return result;
}

function strictly<T>(readField: FieldReader<T>): FieldReader<T> {
  return (field, result, pbf) => {
    const start = pbf.pos;
    readField(field, result, pbf);
    // readVarint fails past ten bytes; pbf's skip, which would run next, never does.
    if (pbf.pos === start && pbf.type === WIRE_VARINT) pbf.readVarint();
  };
}

/** Decoded as Buffer does, so bad UTF-8 reads as U+FFFD however short the string. */
export function readUtf8(pbf: Pbf): string {
  return asBuffer(pbf.readBytes()).toString('utf8');
}

/** The same bytes as a Buffer, without copying. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
