import { isRecord } from './document.js';

/**
 * A checker for the part of JSON Schema (draft 2020-12) that the published scenario
 * schema uses, so that tests can check documents against the published file itself
 * and not only against the TypeBox schema it came from. It refuses a keyword it does
 * not know rather than ignore it, so a schema that grows past it fails loudly.
 */

type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'default']);
const KEYWORDS = new Set([
  'type',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'items',
  'minItems',
  'maxItems',
  'anyOf',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'pattern',
]);

/** Every way `value` breaks `schema`, as `path: message` lines; none if it fits. */
export function jsonSchemaErrors(schema: Schema, value: unknown, path = '$'): string[] {
  refuseUnknownKeywords(schema, path);
  const fail = (message: string): string[] => [`${path}: ${message}`];
  const { type, anyOf } = schema;
  if (typeof type === 'string' && !hasType(value, type)) return fail(`not ${type}`);
  if ('const' in schema && value !== schema.const) return fail('not the constant');
  if (Array.isArray(anyOf)) return anyOfErrors(anyOf as Schema[], value, path);
  if (typeof value === 'number') return numberErrors(schema, value).flatMap(fail);
  if (typeof value === 'string') return stringErrors(schema, value).flatMap(fail);
  if (Array.isArray(value)) return arrayErrors(schema, value, path);
  if (isRecord(value)) return objectErrors(schema, value, path);
  return [];
}

function refuseUnknownKeywords(schema: Schema, path: string): void {
  const known = (key: string): boolean => ANNOTATIONS.has(key) || KEYWORDS.has(key);
  const unknown = Object.keys(schema).find((key) => !known(key));
  if (unknown !== undefined) throw new Error(`Unsupported keyword "${unknown}" at ${path}`);
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return isRecord(value);
  if (type === 'null') return value === null;
  return typeof value === type;
}

function anyOfErrors(variants: Schema[], value: unknown, path: string): string[] {
  const fits = variants.some((v) => jsonSchemaErrors(v, value, path).length === 0);
  return fits ? [] : [`${path}: matches none of the ${variants.length} choices`];
}

function numberErrors(schema: Schema, value: number): string[] {
  const bound = (key: string): number | undefined =>
    typeof schema[key] === 'number' ? schema[key] : undefined;
  const errors: string[] = [];
  const [min, max] = [bound('minimum'), bound('maximum')];
  const [above, below] = [bound('exclusiveMinimum'), bound('exclusiveMaximum')];
  if (min !== undefined && value < min) errors.push(`below ${min}`);
  if (max !== undefined && value > max) errors.push(`above ${max}`);
  if (above !== undefined && value <= above) errors.push(`not above ${above}`);
  if (below !== undefined && value >= below) errors.push(`not below ${below}`);
  return errors;
}

function stringErrors(schema: Schema, value: string): string[] {
  const { minLength, pattern } = schema;
  const errors: string[] = [];
  if (typeof minLength === 'number' && value.length < minLength) {
    errors.push(`shorter than ${minLength}`);
  }
  if (typeof pattern === 'string' && !new RegExp(pattern, 'u').test(value)) {
    errors.push(`does not match ${pattern}`);
  }
  return errors;
}

function arrayErrors(schema: Schema, value: unknown[], path: string): string[] {
  const { minItems, maxItems, items } = schema;
  const errors: string[] = [];
  if (typeof minItems === 'number' && value.length < minItems) {
    errors.push(`${path}: fewer than ${minItems} items`);
  }
  if (typeof maxItems === 'number' && value.length > maxItems) {
    errors.push(`${path}: more than ${maxItems} items`);
  }
  if (!isRecord(items)) return errors;
  const each = (item: unknown, i: number) => jsonSchemaErrors(items, item, `${path}[${i}]`);
  return [...errors, ...value.flatMap(each)];
}

function objectErrors(schema: Schema, value: Schema, path: string): string[] {
  const declared = isRecord(schema.properties) ? schema.properties : {};
  const patterns = Object.entries(
    isRecord(schema.patternProperties) ? schema.patternProperties : {},
  );
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const missing = required.filter((key) => !(key in value));
  const errors = missing.map((key) => `${path}.${key}: required`);
  for (const [key, item] of Object.entries(value)) {
    const at = `${path}.${key}`;
    const governing = patterns.filter(([p]) => new RegExp(p, 'u').test(key));
    const schemas = governing.map(([, sub]) => sub as Schema);
    if (key in declared) schemas.push(declared[key] as Schema);
    for (const sub of schemas) errors.push(...jsonSchemaErrors(sub, item, at));
    if (schemas.length === 0 && schema.additionalProperties === false) {
      errors.push(`${at}: not allowed`);
    }
  }
  return errors;
}
