/** A whole number for people to read: rounded, with thousands separators (`12,345`). */
export function count(x: number): string {
  return Math.round(x).toLocaleString('en-GB');
}
