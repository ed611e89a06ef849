/**
 * JSON text laid out as Prettier lays out a `.json` file (width 100), so a generated
 * file passes the project's format check unchanged: objects one member a line,
 * arrays of plain values on one line when they fit, otherwise one item a line.
 */

const WIDTH = 100;
const STEP = 2;

export function formatJson(value: unknown): string {
  return `${layout(value, 0, 0, 0)}\n`;
}

/**
 * `column` is where the value starts on its line and `tail` how many characters
 * follow it there (a comma), which decide whether an array fits on one line.
 */
function layout(value: unknown, indent: number, column: number, tail: number): string {
  if (Array.isArray(value)) return layoutArray(value, indent, column, tail);
  if (typeof value === 'object' && value !== null) {
    return layoutObject(value as Record<string, unknown>, indent);
  }
  return JSON.stringify(value);
}

function layoutObject(object: Record<string, unknown>, indent: number): string {
  const keys = Object.keys(object).filter((k) => object[k] !== undefined);
  if (keys.length === 0) return '{}';
  const pad = ' '.repeat(indent + STEP);
  const lines = keys.map((key, i) => {
    const prefix = `${pad}${JSON.stringify(key)}: `;
    const comma = i < keys.length - 1 ? ',' : '';
    const text = layout(object[key], indent + STEP, prefix.length, comma.length);
    return `${prefix}${text}${comma}`;
  });
  return `{\n${lines.join('\n')}\n${' '.repeat(indent)}}`;
}

function layoutArray(items: unknown[], indent: number, column: number, tail: number): string {
  if (items.length === 0) return '[]';
  if (items.every(isPlain)) {
    const flat = `[${items.map((item) => JSON.stringify(item)).join(', ')}]`;
    if (column + flat.length + tail <= WIDTH) return flat;
  }
  const pad = ' '.repeat(indent + STEP);
  const lines = items.map((item, i) => {
    const comma = i < items.length - 1 ? ',' : '';
    return `${pad}${layout(item, indent + STEP, pad.length, comma.length)}${comma}`;
  });
  return `[\n${lines.join('\n')}\n${' '.repeat(indent)}]`;
}

function isPlain(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}
