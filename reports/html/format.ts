/**
 * Numbers and times as a person reads them in the report. Each formatter takes the value
 * exactly as `summary.json` holds it, so a test can format the summary's value and find
 * the same text on the page. Times are UTC.
 */

const grouped = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MIN_MS = 60_000;

/** What a missing value (a score with nothing to measure) reads as. */
export const NONE = 'n/a';

/** A whole number with thousands separators: `790,031`. */
export function count(n: number | null): string {
  return n === null ? NONE : grouped.format(n);
}

/** A share as a percentage with one decimal: `99.8%`. */
export function share(x: number | null): string {
  return x === null ? NONE : `${(x * 100).toFixed(1)}%`;
}

const tenths = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

const wholes = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** A rate such as reads a second: to a tenth below a thousand (`232.6`), whole above (`4,596`). */
export function rate(x: number | null): string {
  if (x === null) return NONE;
  return Math.abs(x) < 1000 ? tenths.format(x) : wholes.format(x);
}

/**
 * A share that may be tiny, such as an error rate, as a percentage to three significant
 * figures below 1%: `0%`, `0.0123%`, `0.1%`, `12.5%`.
 */
export function fineShare(x: number | null): string {
  if (x === null) return NONE;
  if (x === 0) return '0%';
  const percent = x * 100;
  if (percent >= 1) return `${percent.toFixed(1)}%`;
  return `${Number(percent.toPrecision(3))}%`;
}

/** Milliseconds, with the decimals a small latency needs: `0.21 ms`, `33.2 ms`, `2,000 ms`. */
export function ms(x: number | null): string {
  if (x === null) return NONE;
  if (x < 10) return `${x.toFixed(2)} ms`;
  if (x < 100) return `${x.toFixed(1)} ms`;
  return `${grouped.format(Math.round(x))} ms`;
}

/** Minutes with one decimal: `12.1 min`. */
export function minutes(x: number | null): string {
  return x === null ? NONE : `${x.toFixed(1)} min`;
}

/** Whole minutes of a time held in milliseconds: `509 min`. */
export function minutesOfMs(x: number | null): string {
  return x === null ? NONE : `${grouped.format(Math.round(x / MIN_MS))} min`;
}

/** A duration held in milliseconds: `16.9 s`, `12 h 23 min`. */
export function duration(x: number | null): string {
  if (x === null) return NONE;
  if (x < MIN_MS) return `${(x / 1000).toFixed(1)} s`;
  const total = Math.round(x / MIN_MS);
  if (total < 60) return `${total} min`;
  return `${Math.floor(total / 60)} h ${String(total % 60).padStart(2, '0')} min`;
}

/** How many times faster than real time: `2,643×`. */
export function speedup(x: number | null): string {
  return x === null ? NONE : `${grouped.format(x)}×`;
}

/** A moment as day, month and time of day, UTC: `12 Nov 22:35`. */
export function time(iso: string | null): string {
  if (iso === null) return NONE;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const hh = String(at.getUTCHours()).padStart(2, '0');
  const mm = String(at.getUTCMinutes()).padStart(2, '0');
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${hh}:${mm}`;
}

/** A moment with its year, for the run's window: `12 Nov 2026 18:00 UTC`. */
export function moment(iso: string | null): string {
  if (iso === null) return NONE;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const [day, month, clock] = time(iso).split(' ');
  return `${day} ${month} ${at.getUTCFullYear()} ${clock} UTC`;
}

/** An hour of the run as an axis label: `18:00`. */
export function hourLabel(iso: string): string {
  return time(iso).split(' ')[2] ?? iso;
}

const OUTCOMES: Record<string, string> = {
  'intercepted-before-offence': 'intercepted before the offence',
  'intercepted-after-offence': 'intercepted after the offence',
  'not-intercepted': 'not intercepted',
};

/** How an offender journey ended, in words. */
export function outcome(value: string | null): string {
  return value === null ? NONE : (OUTCOMES[value] ?? value);
}

/** Text as it is; a number such as a seed, without separators. */
export function text(value: string | number | null): string {
  return value === null ? NONE : String(value);
}

/**
 * The formatters by name. A figure on the page names its formatter in `data-format`, so
 * the page can be checked against the summary figure by figure.
 */
export const FORMATS = {
  count,
  share,
  rate,
  fineShare,
  ms,
  minutes,
  minutesOfMs,
  duration,
  speedup,
  time,
  moment,
  outcome,
  text,
} as const;

export type FormatName = keyof typeof FORMATS;

/** Formats a value held in the summary by its formatter's name. */
export function formatAs(name: FormatName, value: number | string | null): string {
  const format = FORMATS[name] as (v: number | string | null) => string;
  return format(value);
}
