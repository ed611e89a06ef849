/**
 * Simulated time is milliseconds since the Unix epoch, in UTC, carried as a plain number.
 * The simulator never reads the clock, so it converts to and from ISO 8601 itself
 * (Howard Hinnant's civil-from-days algorithms), without `Date`.
 */

const MS_PER_DAY = 86_400_000;

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z$/;

/** Parses `2026-11-12T18:00:00Z` (seconds and milliseconds optional); null if malformed. */
export function parseIsoUtc(text: string): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((v) => Number(v ?? 0));
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  if (month! < 1 || month! > 12 || day! < 1 || day! > daysInMonth(year!, month!)) return null;
  if (hour! > 23 || minute! > 59 || second! > 59) return null;
  return (
    daysFromCivil(year!, month!, day!) * MS_PER_DAY +
    ((hour! * 60 + minute!) * 60 + second!) * 1000 +
    ms
  );
}

function daysInMonth(year: number, month: number): number {
  return (
    daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
    daysFromCivil(year, month, 1)
  );
}

/** Formats as `2026-11-12T18:00:00.000Z`. */
export function formatIsoUtc(ms: number): string {
  const days = Math.floor(ms / MS_PER_DAY);
  const [year, month, day] = civilFromDays(days);
  let rest = ms - days * MS_PER_DAY;
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const milli = Math.floor(rest - second * 1000);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(year, 4)}-${p(month)}-${p(day)}T${p(hour)}:${p(minute)}:${p(second)}.${p(milli, 3)}Z`;
}

/** 0 for Sunday to 6 for Saturday. */
export function dayOfWeek(ms: number): number {
  return (((Math.floor(ms / MS_PER_DAY) + 4) % 7) + 7) % 7;
}

/** Hour of the day in UTC, 0 to 23. */
export function hourOfDay(ms: number): number {
  return Math.floor((((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 3_600_000);
}

/** Midnight UTC at the start of the day that holds `ms`. */
export function startOfDay(ms: number): number {
  return Math.floor(ms / MS_PER_DAY) * MS_PER_DAY;
}

/** The calendar year and month (1 to 12) of an instant. */
export function yearMonth(ms: number): { year: number; month: number } {
  const [year, month] = civilFromDays(Math.floor(ms / MS_PER_DAY));
  return { year, month };
}

export { MS_PER_DAY };

/** Last Sunday of a month, as days since the epoch. */
function lastSunday(year: number, month: number): number {
  const firstOfNext =
    month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1);
  const last = firstOfNext - 1;
  return last - ((((last + 4) % 7) + 7) % 7);
}

/**
 * UK clocks: GMT in winter, BST (UTC+1) from 01:00 UTC on the last Sunday of March to 01:00
 * UTC on the last Sunday of October. Traffic follows local time, so profiles use this.
 */
export function ukOffsetMs(ms: number): number {
  const { year } = yearMonth(ms);
  const bstStart = lastSunday(year, 3) * MS_PER_DAY + 3_600_000;
  const bstEnd = lastSunday(year, 10) * MS_PER_DAY + 3_600_000;
  return ms >= bstStart && ms < bstEnd ? 3_600_000 : 0;
}

/** Hour of the day on UK clocks, 0 to 23. */
export function ukHourOfDay(ms: number): number {
  // Records come in time order, so the last hour looked up is nearly always the next one.
  const bucket = Math.floor(ms / 3_600_000);
  if (bucket !== lastHourBucket) {
    lastHourBucket = bucket;
    lastUkHour = hourOfDay(ms + ukOffsetMs(ms));
  }
  return lastUkHour;
}

let lastHourBucket = NaN;
let lastUkHour = 0;

/** Midnight on UK clocks at the start of the local day that holds `ms`, as UTC ms. */
export function ukStartOfDay(ms: number): number {
  const midnight = startOfDay(ms + ukOffsetMs(ms));
  // The offset in force at local midnight, which differs from now on the changeover days.
  return midnight - ukOffsetMs(midnight - 3_600_000);
}
