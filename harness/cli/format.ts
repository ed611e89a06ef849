/** Kilometres with one decimal. */
export function km(metres: number): string {
  return `${(metres / 1000).toFixed(1)} km`;
}

/** A duration as `1 h 05 min` or `42 min` or `35 s`. */
export function duration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Rows of cells as aligned columns; numbers-looking cells are right-aligned. */
export function table(rows: readonly (readonly string[])[], indent = '  '): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const numeric = /^[\d.,\s]+(km|min|s|h)?$/;
  return rows
    .map(
      (row) =>
        indent +
        row
          .map((cell, i) =>
            numeric.test(cell) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!),
          )
          .join('  ')
          .trimEnd(),
    )
    .join('\n');
}
