import type { TSchema } from '@sinclair/typebox';
import type { Problem } from '../../simulator/problems.js';
import { didYouMean } from './suggest.js';

/**
 * Rewords the schema checker's messages in terms a scenario's author knows: the
 * choices a union allows instead of "Expected union value", the described form of a
 * time instead of its regular expression, the nearest setting for an unexpected one.
 * A problem whose schema cannot be found keeps its message.
 */
export function explainSchemaProblem(problem: Problem, root: TSchema): Problem {
  const got = / \(got .*\)$/.exec(problem.message)?.[0] ?? '';
  const tokens = pathTokens(problem.path);
  const node = schemaAt(root, tokens);
  const says = (start: string): boolean => problem.message.startsWith(start);
  const variants = node?.anyOf as TSchema[] | undefined;
  const described = node?.description;
  if (says('Expected union value') && variants) {
    return { ...problem, message: `Expected ${choices(variants)}${got}` };
  }
  if (says('Expected string to match') && described !== undefined) {
    return { ...problem, message: `Expected ${lowerFirst(described)}${got}` };
  }
  if (says('Unexpected property')) {
    const name = String(tokens[tokens.length - 1] ?? '');
    const parent = schemaAt(root, tokens.slice(0, -1));
    const allowed = Object.keys((parent?.properties ?? {}) as object);
    const hint = didYouMean(name, allowed, `; the settings here are ${allowed.join(', ')}`);
    return { ...problem, message: `Unexpected setting "${name}"${hint}` };
  }
  return problem;
}

/** A property name or an array index. */
type Token = string | number;

/** `offenders.groups[2].home` becomes `['offenders', 'groups', 2, 'home']`. */
function pathTokens(path: string): Token[] {
  const tokens: Token[] = [];
  for (const part of path.split('.')) {
    const [name = '', ...indexes] = part.split('[');
    if (name !== '') tokens.push(name);
    for (const index of indexes) tokens.push(Number(index.slice(0, -1)));
  }
  return tokens;
}

/**
 * The schema that governs the value at a path, through objects, records and arrays.
 */
function schemaAt(root: TSchema, tokens: readonly Token[]): TSchema | undefined {
  let node: TSchema | undefined = root;
  for (const token of tokens) {
    if (node === undefined) return undefined;
    if (typeof token === 'number') node = node.items as TSchema | undefined;
    else node = propertySchema(node, token);
  }
  return node;
}

function propertySchema(node: TSchema, name: string): TSchema | undefined {
  const properties = node.properties as Record<string, TSchema> | undefined;
  const declared = properties?.[name];
  if (declared) return declared;
  const patterns = node.patternProperties as Record<string, TSchema> | undefined;
  return patterns ? Object.values(patterns)[0] : undefined;
}

/** `"aware" or "unaware"`; `"all" or an integer of at least 0`. */
function choices(variants: readonly TSchema[]): string {
  const words = variants.map(describeVariant);
  if (words.length < 2) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function describeVariant(variant: TSchema): string {
  if ('const' in variant) return JSON.stringify(variant.const);
  const type = typeof variant.type === 'string' ? variant.type : 'value';
  const article = /^[aeiou]/.test(type) ? 'an' : 'a';
  const min = variant.minimum as unknown;
  const atLeast = typeof min === 'number' ? ` of at least ${min}` : '';
  return `${article} ${type}${atLeast}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
