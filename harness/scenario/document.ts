/**
 * Reading a scenario document that may not match the schema. Each accessor gives
 * nothing for a part of the wrong shape, so a semantic check can walk the document
 * without first proving it sound; the schema check reports the wrong shape itself.
 */

/** Records a problem found at a path into the document. */
export type Report = (path: string, code: string, message: string) => void;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value under `key`, or undefined when `value` is not an object. */
export function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

/** The items of an array, or none when `value` is not one. */
export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The entries of an object, or none when `value` is not one. */
export function entries(value: unknown): [string, unknown][] {
  return isRecord(value) ? Object.entries(value) : [];
}
