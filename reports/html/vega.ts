import { logger, parse, View, Warn, type Spec } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { escapeHtml, raw, type Html } from './html.js';
import { OKABE_ITO } from './palette.js';
import { useTextWidths } from './text-width.js';

/** The page width the charts are drawn for; the page scales them down to fit A4. */
export const CHART_WIDTH = 640;

const FONT = 'Helvetica, Arial, sans-serif';

/** The look every chart shares: plain white, the report's font, Okabe–Ito categories. */
const CONFIG = {
  background: 'white',
  font: FONT,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e4e4e4' },
  legend: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    orient: 'top',
    labelLimit: 220,
  },
  title: { fontSize: 13, fontWeight: 'normal', anchor: 'start' },
  range: { category: Object.values(OKABE_ITO).slice(1) },
} as const;

/**
 * Compiles a Vega-Lite chart and draws it as an SVG string in this process: Vega's
 * headless view draws SVG without a canvas or a browser. The SVG is made fit to sit inside
 * an HTML page with no external reference: its namespace declarations, which name URLs,
 * are dropped (an HTML parser puts inline SVG in the SVG namespace itself).
 */
export async function vegaSvg(spec: TopLevelSpec, label: string): Promise<Html> {
  useTextWidths();
  const warnings: string[] = [];
  const view = new View(parse(compileSpec(spec, warnings)), {
    renderer: 'none',
    logger: collector(warnings),
  });
  try {
    const svg = await view.toSVG();
    return raw(tidy(svg, label));
  } finally {
    view.finalize();
  }
}

/**
 * Compiles a chart to Vega with the report's look. What Vega-Lite would warn about goes
 * into `warnings` rather than onto the console: a report is made inside a run, whose
 * output is the user's, and the tests require every chart to compile without a warning.
 */
export function compileSpec(spec: TopLevelSpec, warnings: string[] = []): Spec {
  const withConfig = { ...spec, config: withDefaults(spec.config ?? {}) } as TopLevelSpec;
  return compile(withConfig, { logger: collector(warnings) }).spec;
}

/** A chart's own settings over the report's, one level deep (legend, axis, title, ...). */
function withDefaults(own: object): object {
  const merged: Record<string, unknown> = { ...CONFIG };
  for (const [key, value] of Object.entries(own)) {
    const base = merged[key];
    const nested = typeof base === 'object' && typeof value === 'object' && !Array.isArray(value);
    merged[key] = nested ? { ...base, ...(value as object) } : value;
  }
  return merged;
}

function collector(warnings: string[]) {
  return logger(Warn, undefined, (_method, _level, args) => {
    warnings.push(args.map(String).join(' '));
  });
}

function tidy(svg: string, label: string): string {
  return svg
    .replace(/ xmlns(:xlink)?="[^"]*"/g, '')
    .replace('<svg ', `<svg role="img" aria-label="${escapeHtml(label)}" `)
    .replace(/ (d|transform|points)="([^"]*)"/g, (_, name: string, value: string) => {
      return ` ${name}="${roundNumbers(value)}"`;
    });
}

/** Coordinates to two decimals (a hundredth of a pixel): the map's paths halve in size. */
function roundNumbers(value: string): string {
  return value.replace(/-?\d+\.\d{3,}(e-?\d+)?/g, (n) => {
    const rounded = Math.round(Number(n) * 100) / 100;
    return String(Object.is(rounded, -0) ? 0 : rounded);
  });
}
