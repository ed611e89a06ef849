import { readFile } from 'node:fs/promises';
import type { TSchema, Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { TestbedError } from '../simulator/errors.js';
import { formatProblems, type Problem } from '../simulator/problems.js';

/** Reads a file as text, turning a missing or unreadable file into a user-facing error. */
export async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new TestbedError('ATB_FILE_NOT_FOUND', { path });
    throw new TestbedError('ATB_FILE_UNREADABLE', { path, reason: String(code ?? err) });
  }
}

/** Parses JSON text, naming the line and column of a syntax error. */
export function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new TestbedError('ATB_JSON_MALFORMED', { path, reason: describeSyntaxError(text, err) });
  }
}

/**
 * V8's messages often give no position, so the first error is found again with a parser
 * that reports offsets, and named as a line and column.
 */
function describeSyntaxError(text: string, err: unknown): string {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (!first) return err instanceof Error ? err.message : String(err);
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${words(printParseErrorCode(first.error))} at line ${line}, column ${column}`;
}

/** `CloseBraceExpected` becomes `close brace expected`. */
function words(code: string): string {
  const spaced = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

const compiled = new WeakMap<TSchema, ReturnType<typeof TypeCompiler.Compile>>();

/** Every way a value breaks a schema, each with a dotted path from `root`. */
export function schemaProblems(schema: TSchema, value: unknown, root = ''): Problem[] {
  let check = compiled.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(schema);
    compiled.set(schema, check);
  }
  if (check.Check(value)) return [];
  const problems: Problem[] = [];
  for (const error of check.Errors(value)) {
    problems.push({
      code: 'schema',
      path: dottedPath(root, error.path),
      message: `${error.message}${describeValue(error.value)}`,
      severity: 'error',
    });
    if (problems.length >= 50) break;
  }
  return problems;
}

function describeValue(value: unknown): string {
  if (value === undefined) return '';
  const text = JSON.stringify(value);
  return text.length > 60 ? '' : ` (got ${text})`;
}

/** `/features/3/properties/class` becomes `features[3].properties.class`. */
export function dottedPath(root: string, pointer: string): string {
  const parts = pointer.split('/').filter((p) => p !== '');
  let out = root;
  for (const part of parts) {
    out += /^\d+$/.test(part) ? `[${part}]` : `${out === '' ? '' : '.'}${part}`;
  }
  return out === '' ? '(document)' : out;
}

/** Reads, parses and checks a JSON file against a schema. */
export async function readJsonFile<S extends TSchema>(
  path: string,
  schema: S,
  what: string,
): Promise<Static<S>> {
  const value = parseJson(await readText(path), path);
  const problems = schemaProblems(schema, value);
  if (problems.length > 0) {
    throw new TestbedError('ATB_GEOJSON_INVALID', {
      path,
      what,
      problems: formatProblems(problems),
    });
  }
  return value;
}
