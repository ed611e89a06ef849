import { formatAs, type FormatName } from './format.js';

/**
 * Markup that is already safe to put in the page. Anything else that goes into a page is
 * text: scenario names, notes, group names and hub names are user input, and are escaped.
 */
export class Html {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

type Part = string | number | Html | null | undefined | false | readonly Part[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for an element's content or a quoted attribute value. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Trusted markup, such as an SVG that Vega drew, put in the page as it is. */
export function raw(markup: string): Html {
  return new Html(markup);
}

/**
 * A template whose interpolations are escaped unless they are `Html`; arrays are joined,
 * and `null`, `undefined` and `false` leave nothing.
 */
export function markup(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0]!;
  parts.forEach((part, i) => {
    out += markupOf(part) + strings[i + 1]!;
  });
  return new Html(out);
}

function markupOf(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.markup;
  if (typeof part === 'string' || typeof part === 'number') return escapeHtml(String(part));
  return part.map(markupOf).join('');
}

/** Where a figure on the page comes from: a path into `summary.json` or into the series. */
export type Source = { metric: string } | { series: string };

/**
 * A figure as the reader sees it, carrying the path it comes from and its exact value, so
 * that every number on the page can be traced back to the run's files.
 */
export function figure(source: Source, value: number | string | null, format: FormatName): Html {
  const [attr, path] = 'metric' in source ? ['metric', source.metric] : ['series', source.series];
  const exact = value === null ? 'null' : String(value);
  const shown = formatAs(format, value);
  const attrs = markup`data-${raw(attr)}="${path}" data-value="${exact}" data-format="${format}"`;
  return markup`<span ${attrs}>${shown}</span>`;
}

/** A figure from `summary.json`. */
export function metric(path: string, value: number | string | null, format: FormatName): Html {
  return figure({ metric: path }, value, format);
}

/** A count from `summary.json` with its noun, singular or plural as the count asks. */
export function counted(path: string, n: number, one: string, many = `${one}s`): Html {
  return markup`${metric(path, n, 'count')} ${n === 1 ? one : many}`;
}
