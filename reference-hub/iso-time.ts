/**
 * Times on the wire are ISO 8601 strings. Reads carry one each, so the common form
 * (`2026-11-12T21:04:05.123Z`, or without the milliseconds) is parsed from its
 * character codes without a Date; any other valid form goes through `Date.parse`.
 */

const MS_PER_DAY = 86_400_000;

/** Epoch milliseconds of an ISO 8601 time, or NaN when it is not one. */
export function parseIsoMs(text: string): number {
  const n = text.length;
  if ((n === 24 || n === 20) && hasWireShape(text, n === 24)) return parseUtc(text, n === 24);
  return Date.parse(text);
}

function hasWireShape(text: string, withMs: boolean): boolean {
  return (
    text[4] === '-' &&
    text[7] === '-' &&
    text[10] === 'T' &&
    text[13] === ':' &&
    text[16] === ':' &&
    (!withMs || text[19] === '.') &&
    text[text.length - 1] === 'Z'
  );
}

/** Checks every field, since Date.parse would roll 30 February over into March. */
function parseUtc(text: string, withMs: boolean): number {
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const ms = withMs ? digits(text, 20, 3) : 0;
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return NaN;
  if (!(hour <= 23 && minute <= 59 && second <= 59) || Number.isNaN(ms)) return NaN;
  const seconds = (hour * 60 + minute) * 60 + second;
  return daysFromCivil(year, month, day) * MS_PER_DAY + seconds * 1000 + ms;
}

/**
 * The number in `length` decimal digits from `start`, or NaN if one is not a digit.
 */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse).
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The wire form of epoch milliseconds: UTC with milliseconds. */
export function formatIso(ms: number): string {
  return new Date(ms).toISOString();
}
