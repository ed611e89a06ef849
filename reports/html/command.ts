import type { RunSummary } from '../../harness/scoring/summary.js';
import { flagsForSettings } from '../../reference-hub/settings.js';

/** The token is never written down; the command names the variable to hold it instead. */
export const TOKEN_PLACEHOLDER = '"$HUB_TOKEN"';

/**
 * The command line that makes the same run again: the same scenario file and seed, the
 * same kind of time, the same hub (with the built-in one's settings), into the same
 * folder. What the summary does not hold is left for the reader to fill in: the hub's
 * token, and a driver module's file.
 */
export function reproduceCommand(summary: RunSummary, outDir: string): string {
  const args = ['anpr-testbed', 'run', quote(summary.scenario.file)];
  args.push('--seed', String(summary.scenario.seed));
  if (summary.mode.kind === 'virtual')
    args.push('--virtual', '--tick', String(summary.mode.tickMs));
  else args.push('--speed', String(summary.mode.speed));
  args.push(...hubArgs(summary.hub.target));
  if (summary.hub.target === 'in-process')
    args.push(...flagsForSettings(summary.hub.settings ?? {}));
  args.push('--out', quote(outDir));
  return args.join(' ');
}

function hubArgs(target: string): string[] {
  if (target === 'in-process') return [];
  if (/^https?:\/\//.test(target)) return ['--hub', quote(target), '--token', TOKEN_PLACEHOLDER];
  return ['--driver', 'DRIVER_MODULE'];
}

/** Quotes an argument for a POSIX shell when it holds anything a shell would act on. */
export function quote(arg: string): string {
  if (/^[\w./:=@%+,-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
