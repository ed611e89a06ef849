import { FormatRegistry } from '@sinclair/typebox';

/**
 * The string formats the protocol's schemas use. TypeBox's checkers fail every value
 * of a format they do not know, so these must be registered before any protocol
 * message is checked; protocol.ts imports this module for that reason.
 */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** RFC 3339 `date-time`, as JSON Schema defines the format: a real date and a zone. */
export function isDateTime(value: string): boolean {
  const parts = DATE_TIME.exec(value);
  if (!parts) return false;
  const field = (i: number) => Number(parts[i]);
  const [month, day] = [field(2), field(3)];
  const daysInMonth = new Date(Date.UTC(field(1), month, 0)).getUTCDate();
  const dateOk = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth;
  return dateOk && field(4) <= 23 && field(5) <= 59 && field(6) <= 60;
}

/** An absolute URI with a scheme, such as a callback URL. */
export function isUri(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) && URL.canParse(value);
}

if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', isDateTime);
if (!FormatRegistry.Has('uri')) FormatRegistry.Set('uri', isUri);
