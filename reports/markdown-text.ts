/**
 * Pieces of GitHub-flavoured Markdown with user text in them (scenario, group and
 * place names, check details, paths), escaped so that the text shows as written and
 * cannot break a table or add links and markup.
 */

export type Align = 'left' | 'center' | 'right';

/**
 * Prose on one line (it may sit in a table cell): characters Markdown would read as
 * markup are escaped.
 */
export function text(value: string): string {
  return value.replace(/\r?\n/g, ' ').replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
}

/**
 * A code span, for paths and names that must read exactly. Backslashes mean nothing
 * in a code span, but in a table cell GitHub splits on pipes before it reads the
 * spans, and takes `\|` there as a pipe.
 */
export function code(value: string, inTable = false): string {
  const oneLine = value.replace(/\r?\n/g, ' ');
  const flat = inTable ? oneLine.replace(/\|/g, '\\|') : oneLine;
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A table; cells are expected escaped already (with `cell` or `code`). */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[] = [],
): string {
  const rule = header.map((_, i) => RULES[align[i] ?? 'left']);
  return [row(header), row(rule), ...rows.map(row)].join('\n');
}

const RULES: Record<Align, string> = { left: '---', center: ':-:', right: '--:' };

function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
}
