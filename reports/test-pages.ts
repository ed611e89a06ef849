import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { packageRoot } from '../harness/paths.js';

/** What the reports' tests share to read a written page or JUnit file back. */

const JUNIT_XSD = join(packageRoot(), 'reports', 'schemas', 'junit.xsd');
const run = promisify(execFile);

/**
 * Checks a file against the project's JUnit schema with Debian's xmllint (package
 * libxml2-utils, which `.ci/run` installs): the schema is only worth something if an
 * independent validator reads it, so a missing xmllint is an error, not a pass.
 */
export async function xmllint(path: string): Promise<{ valid: boolean; output: string }> {
  try {
    const { stderr } = await run('xmllint', ['--noout', '--schema', JUNIT_XSD, path]);
    return { valid: true, output: stderr };
  } catch (err) {
    const failure = err as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new Error('xmllint is not installed: apt-get install libxml2-utils (.ci/run does)');
    }
    return { valid: false, output: failure.stderr ?? String(err) };
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** Text as it was before the page escaped it. */
export function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ENTITIES[e]!);
}

/** The value at a dotted path (`latencyMs.ingest.p99`) in parsed JSON, if there is one. */
export function valueAt(root: unknown, path: string): unknown {
  let at = root;
  for (const key of path.split('.')) {
    if (at === null || typeof at !== 'object' || !(key in at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** The markup of the figure with this id; a page without it is an error. */
export function figureMarkup(html: string, id: string): string {
  const start = html.indexOf(`<figure id="${id}"`);
  if (start === -1) throw new Error(`the page has no figure with id ${id}`);
  return html.slice(start, html.indexOf('</figure>', start));
}

const junitParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  // Decodes character references such as &#10; too, as any XML reader does.
  htmlEntities: true,
  isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
});

/**
 * A JUnit file as plain objects: attributes and text as strings, and suites, cases and
 * properties always arrays, however many there are. `T` is the shape the test expects.
 */
export function parseJunit<T>(xml: string): T {
  return junitParser.parse(xml) as T;
}
