import { markup, metric, type Html } from './html.js';

export interface Column {
  head: string;
  /** Numbers align right. */
  numeric?: boolean;
}

function cell(tag: 'th' | 'td', column: Column | undefined, content: Html | string): Html {
  const numeric = column?.numeric ? markup` class="num"` : '';
  return markup`<${tag}${numeric}>${content}</${tag}>`;
}

/** A table with a head row. */
export function table(id: string, columns: readonly Column[], rows: readonly Html[][]): Html {
  const heads = columns.map((c) => cell('th', c, c.head));
  const body = rows.map(
    (cells) => markup`<tr>${cells.map((c, i) => cell('td', columns[i], c))}</tr>\n`,
  );
  return markup`<table id="${id}">
<thead><tr>${heads}</tr></thead>
<tbody>
${body}</tbody>
</table>`;
}

export interface ReasonTable {
  id: string;
  /** The record's path in `summary.json`. */
  path: string;
  counts: Record<string, number>;
  /** What is counted, as the column's head. */
  unit: string;
  /** The sentence shown when nothing was counted. */
  empty: string;
  meanings?: Record<string, string>;
}

/**
 * Counts by reason. Reasons that never happened stay in the table when the summary lists
 * them, so that a zero is seen to be a zero.
 */
export function reasonTable(t: ReasonTable): Html {
  const reasons = Object.keys(t.counts);
  if (reasons.length === 0) return markup`<p class="empty" id="${t.id}">${t.empty}</p>`;
  const meanings = t.meanings;
  const rows = reasons.map((reason) => [
    markup`${reason}`,
    ...(meanings ? [markup`${meanings[reason] ?? ''}`] : []),
    metric(`${t.path}.${reason}`, t.counts[reason]!, 'count'),
  ]);
  const columns = [
    { head: 'reason' },
    ...(meanings ? [{ head: 'meaning' }] : []),
    { head: t.unit, numeric: true },
  ];
  return table(t.id, columns, rows);
}
