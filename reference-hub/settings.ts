import { isTestbedError, TestbedError } from '../simulator/errors.js';
import { resolveHubOptions, type HubOptions } from './options.js';

/**
 * A setting of the reference hub that a user may change from the command line, as the
 * hub reports it in `GET /v1/hub` and as `hub` and `run` take it.
 */
export interface SettingFlag {
  setting: 'windowMs' | 'minSimilarConfidence' | 'dispatchMaxPriority' | 'minDispatchConfidence';
  flag: string;
  /** What the flag's value is, for `--help`. */
  meaning: string;
  /** The values it takes, for the message that refuses another. */
  range: string;
  /** The option's value from the flag's text; NaN when the text is not a number. */
  parse: (text: string) => number;
  /** The flag's text for the option's value. */
  format: (value: number) => string;
}

const number = (text: string): number => (/^\s*-?[\d.]+\s*$/.test(text) ? Number(text) : NaN);

export const SETTING_FLAGS: readonly SettingFlag[] = [
  {
    setting: 'windowMs',
    flag: '--alert-window',
    meaning: 'minutes in which one hotlist entry raises one alert (default 10)',
    range: 'a number of minutes above 0',
    parse: (text) => number(text) * 60_000,
    format: (value) => String(value / 60_000),
  },
  {
    setting: 'minSimilarConfidence',
    flag: '--min-similar-confidence',
    meaning: 'a similar match below this confidence raises no alert (default 0.5)',
    range: 'a number from 0 to 1',
    parse: number,
    format: String,
  },
  {
    setting: 'dispatchMaxPriority',
    flag: '--dispatch-max-priority',
    meaning: 'alerts of this priority or a more urgent one send a unit; 0 sends none (default 2)',
    range: 'a whole number from 0 to 4',
    parse: number,
    format: String,
  },
  {
    setting: 'minDispatchConfidence',
    flag: '--min-dispatch-confidence',
    meaning: 'no unit is sent on a match weaker than this (default 0.6)',
    range: 'a number from 0 to 1',
    parse: number,
    format: String,
  },
];

/** The option name commander gives a flag: `--alert-window` is `alertWindow`. */
export function flagKey(flag: string): string {
  return flag.replace(/^--/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

/**
 * The hub options the flags set, from commander's parsed flags. A value that is not a
 * number, or out of the setting's range, is refused with the flag's name.
 */
export function settingsFromFlags(flags: Record<string, unknown>): HubOptions {
  const options: HubOptions = {};
  for (const s of SETTING_FLAGS) {
    const text = flags[flagKey(s.flag)];
    if (typeof text !== 'string') continue;
    const value = s.parse(text);
    if (Number.isNaN(value)) {
      throw new TestbedError('ATB_CLI_USAGE', {
        detail: `${s.flag} takes a number; got "${text}"`,
      });
    }
    options[s.setting] = value;
  }
  try {
    resolveHubOptions(options);
  } catch (err) {
    const bad = isTestbedError(err)
      ? SETTING_FLAGS.find((s) => s.setting === err.details.name)
      : null;
    if (!bad) throw err;
    const text = flags[flagKey(bad.flag)] as string;
    throw new TestbedError('ATB_CLI_USAGE', {
      detail: `${bad.flag} takes ${bad.range}; got "${text}"`,
    });
  }
  return options;
}

/** The flags that set a hub's reported settings, for a command that makes the run again. */
export function flagsForSettings(settings: Record<string, unknown>): string[] {
  const args: string[] = [];
  for (const s of SETTING_FLAGS) {
    const value = settings[s.setting];
    if (typeof value === 'number') args.push(s.flag, s.format(value));
  }
  return args;
}

/**
 * A reported setting as a person would set it: `windowMs` 600000 reads as
 * `--alert-window 10`. A setting no flag sets keeps its name and value as reported.
 */
export function settingAsFlag(name: string, value: string | number | boolean | null): string {
  const flag = SETTING_FLAGS.find((s) => s.setting === name);
  if (value === null) return 'not reported';
  if (!flag || typeof value !== 'number') return String(value);
  return `${flag.flag} ${flag.format(value)}`;
}
