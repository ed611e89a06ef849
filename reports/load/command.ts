import { LOAD_DEFAULTS } from '../../harness/load/options.js';
import type { LoadProfile } from '../../harness/load/profiles.js';
import type { LoadResult, LoadSettings } from '../../harness/load/result.js';
import { quote, TOKEN_PLACEHOLDER } from '../html/command.js';

/**
 * The command line that offers the same load again: the same scenario, profile or search,
 * batching, connections, probes and bounds, against the same hub, into the same folder.
 * Bounds that came from the scenario or the defaults are left to come from there again.
 * The hub's token is never written down; the command names a variable to hold it.
 */
export function loadCommand(r: LoadResult, outDir: string): string {
  const s = r.settings;
  const args = ['anpr-testbed', 'load', quote(r.scenario.file)];
  if (!r.hub.inProcess) args.push('--hub', quote(r.hub.target), '--token', TOKEN_PLACEHOLDER);
  args.push(...(s.search ? searchArgs(s.search) : profileArgs(s.profile)));
  args.push('--duration', durationArg(s.durationMs));
  args.push('--batch', String(s.batch), '--connections', String(s.connections));
  args.push('--alert-every', String(s.probeEvery));
  if (s.delivery !== 'push') args.push('--delivery', s.delivery);
  if (s.maxReads !== LOAD_DEFAULTS.maxReads) args.push('--max-reads', String(s.maxReads));
  args.push(...boundArgs(s.bounds));
  args.push('--out', quote(outDir));
  return args.join(' ');
}

function searchArgs(search: NonNullable<LoadSettings['search']>): string[] {
  return [
    '--find-saturation',
    '--rate',
    String(search.startPerSecond),
    '--step-factor',
    String(search.factor),
    '--max-steps',
    String(search.maxSteps),
  ];
}

function profileArgs(p: LoadProfile | null): string[] {
  switch (p?.kind) {
    case undefined:
      return [];
    case 'constant':
      return ['--rate', String(p.readsPerSecond)];
    case 'ramp':
      return [
        '--profile',
        'ramp',
        '--from',
        String(p.fromPerSecond),
        '--to',
        String(p.toPerSecond),
      ];
    case 'scenario':
      return ['--profile', 'scenario', '--speed', String(p.speed)];
    case 'diurnal':
      return [
        ...['--profile', 'diurnal', '--area', p.area, '--reads-per-day', String(p.readsPerDay)],
        ...['--day-length', durationArg(p.dayMs), '--start-hour', String(p.startHour)],
      ];
    case 'burst':
      return [
        ...['--profile', 'burst', '--rate', String(p.baselinePerSecond)],
        ...['--units', String(p.units), '--backlog', String(p.backlog)],
        ...['--burst-at', durationArg(p.atMs)],
      ];
  }
}

function boundArgs(bounds: LoadSettings['bounds']): string[] {
  const args: string[] = [];
  if (bounds.maxP99Ms.source === 'option') {
    args.push('--max-p99-ms', String(bounds.maxP99Ms.value));
  }
  if (bounds.maxErrorRate.source === 'option') {
    args.push('--max-error-rate', String(bounds.maxErrorRate.value));
  }
  return args;
}

/** A duration as `--duration` reads it: `30s`, `24m`, `1500ms`. */
function durationArg(valueMs: number): string {
  if (valueMs % 60_000 === 0) return `${valueMs / 60_000}m`;
  if (valueMs % 1000 === 0) return `${valueMs / 1000}s`;
  return `${valueMs}ms`;
}
