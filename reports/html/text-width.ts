import * as vega from 'vega';

/**
 * How wide a label is, for Vega's layout when no canvas is there to measure it: it sizes
 * axes and legends and cuts long labels short with it. Vega's own guess (0.8 em for every
 * character) is half again too wide for Helvetica and Arial, the charts' fonts, which
 * leaves gaps and cuts labels that would fit. These are those fonts' advance widths by
 * kind of character, in thousandths of an em, near enough for layout.
 */
const WIDTHS: [RegExp, number][] = [
  [/[ijl.,:;!'|]/, 240],
  [/[ ftrI()[\]/-]/, 290],
  [/[mM]/, 833],
  [/[wGOQ]/, 760],
  [/[W]/, 944],
  [/[JL]/, 530],
  [/[FTZ]/, 611],
  [/[a-z]/, 540],
  [/[A-Z]/, 690],
  [/[0-9]/, 556],
  [/[%@]/, 950],
  [/[→…]/, 1000],
];
const OTHER = 600;
const BOLD = 1.06;

const cache = new Map<string, number>();

function emWidth(text: string): number {
  let total = 0;
  for (const c of text) {
    let width = cache.get(c);
    if (width === undefined) {
      width = WIDTHS.find(([pattern]) => pattern.test(c))?.[1] ?? OTHER;
      cache.set(c, width);
    }
    total += width;
  }
  return total / 1000;
}

interface TextItem {
  fontSize?: number | string;
  fontWeight?: string | number;
  limit?: number;
  text?: string | number | string[];
}

/** A text item's width in pixels, never more than its limit (Vega cuts it there). */
export function textWidth(item: TextItem, line?: string | number): number {
  const text = String(line ?? item.text ?? '').trim();
  const size = item.fontSize === undefined ? 11 : Number(item.fontSize) || 0;
  const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
  const width = emWidth(text) * size * (bold ? BOLD : 1);
  return item.limit !== undefined && item.limit > 0 ? Math.min(width, item.limit) : width;
}

interface TextMetrics {
  width: (item: TextItem, line?: string | number) => number;
}

/** Has Vega measure text with `textWidth`; Vega itself offers the hook for canvas-less use. */
export function useTextWidths(): void {
  const metrics = (vega as unknown as { textMetrics: TextMetrics }).textMetrics;
  metrics.width = textWidth;
}
