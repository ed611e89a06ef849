/**
 * Scores as people read them, shared by the text reports (Markdown, compare). Every
 * function takes null for a score the run could not measure and prints `n/a`.
 */

const NONE = 'n/a';

/** A whole number with thousands separators: `790,031`. */
export function count(value: number | null): string {
  if (value === null) return NONE;
  const [whole, fraction] = String(value).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A share from 0 to 1 as a percentage with two decimals: `99.79%`. */
export function percent(value: number | null): string {
  return value === null ? NONE : `${(value * 100).toFixed(2)}%`;
}

/**
 * Milliseconds, with more decimals for small values: `0.21 ms`, `2.70 ms`, `153 ms`.
 */
export function ms(value: number | null): string {
  if (value === null) return NONE;
  return `${value.toFixed(value < 100 ? 2 : 0)} ms`;
}

/** Minutes with one decimal: `12.1 min`. */
export function minutes(value: number | null): string {
  return value === null ? NONE : `${value.toFixed(1)} min`;
}

/** A signed number with a fixed number of decimals: `+3`, `-0.20`, `+1,204`. */
export function signed(value: number, digits = 0): string {
  const fixed = Math.abs(value).toFixed(digits);
  if (Number(fixed) === 0) return fixed;
  const [whole, fraction] = fixed.split('.');
  const text = `${count(Number(whole))}${fraction === undefined ? '' : `.${fraction}`}`;
  return value > 0 ? `+${text}` : `-${text}`;
}

/** A wall-clock length: `850 ms`, `1.9 s`, `4 min 05 s`. */
export function wallTime(msValue: number): string {
  if (msValue < 1000) return `${Math.round(msValue)} ms`;
  const seconds = msValue / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** An ISO time as a day and minute in UTC: `12 Nov 22:35`. */
export function dayAndMinute(iso: string | null): string {
  if (iso === null) return NONE;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const hhmm = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${hhmm}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A threshold's bounds in words: `at least 0.9`, `at most 25`, `from 1 to 5`. */
export function bounds(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return `from ${min} to ${max}`;
  if (min !== null) return `at least ${min}`;
  return max !== null ? `at most ${max}` : 'no bound';
}

/** A threshold judged: `detection.recall = 0.85, required at least 0.9`. */
export function thresholdStatement(t: {
  metric: string;
  min: number | null;
  max: number | null;
  value: number | null;
}): string {
  const value = t.value === null ? 'no value' : String(t.value);
  return `${t.metric} = ${value}, required ${bounds(t.min, t.max)}`;
}

/** Counts by reason, the zeros left out: `11 misread, 11 stale-entry`, or `none`. */
export function byReason(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${count(n)} ${reason}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}
