import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { TestbedError } from '../../simulator/errors.js';
import {
  CONFIG_MAP_BYTES,
  EXPORT_TARGETS,
  exportK6,
  K6_DEFAULTS,
  megabytes,
  type K6ExportOptions,
  type K6ExportResult,
} from '../export/index.js';
import type { CliIo } from './io.js';
import { count } from '../format.js';

interface ExportFlags {
  out?: string;
  shards: string;
  batch: string;
  hubUrl: string;
  rateScale: string;
  flat?: boolean;
  hours?: string;
  maxReads?: string;
}

export function registerExportCommand(program: Command, io: CliIo): void {
  program
    .command('export')
    .description(
      "Export a scenario's reads as a load test for another tool: k6 (a script, its data " +
        'in shards, a k6-operator TestRun)',
    )
    .argument('<target>', `what to export to: ${EXPORT_TARGETS.join(', ')}`)
    .argument('[scenario]', 'a scenario file (YAML), e.g. scenarios/hawk-night.yaml')
    .option('--out <dir>', 'folder to write the test into')
    .option('--shards <n>', 'shard files, one per k6 instance', String(K6_DEFAULTS.shards))
    .option('--batch <n>', 'reads per request, at most', String(K6_DEFAULTS.batch))
    .option('--hub-url <url>', 'the hub, unless HUB_URL says otherwise', K6_DEFAULTS.hubUrl)
    .option('--rate-scale <x>', 'simulated seconds per second', String(K6_DEFAULTS.rateScale))
    .option('--flat', "spread the requests evenly instead of following the scenario's rate")
    .option('--hours <h>', 'export only the first h hours of the window')
    .option('--max-reads <n>', 'export only the first n reads delivered')
    .addHelpText(
      'after',
      '\nanpr-testbed writes the test but does not run it: run it with `k6 run script.js`,\n' +
        'or on a cluster with k6-operator.yaml, as the README.md it writes says.',
    )
    .action(async (target: string, path: string | undefined, flags: ExportFlags) => {
      if (!(EXPORT_TARGETS as readonly string[]).includes(target)) {
        throw new TestbedError('ATB_EXPORT_TARGET_UNKNOWN', {
          target,
          known: EXPORT_TARGETS.join(', '),
        });
      }
      const outDir = flags.out;
      if (path === undefined)
        throw usage('export k6 needs a scenario file, such as scenarios/hawk-night.yaml');
      if (outDir === undefined)
        throw usage('export k6 needs --out, the folder to write the test into');
      const options = exportOptions(path, outDir, flags);
      const result = await withProgress(io, (onProgress) => exportK6({ ...options, onProgress }));
      io.out(describe(result, outDir));
    });
}

function exportOptions(scenarioPath: string, outDir: string, flags: ExportFlags): K6ExportOptions {
  return {
    scenarioPath,
    outDir,
    shards: number('--shards', flags.shards),
    batch: number('--batch', flags.batch),
    hubUrl: flags.hubUrl,
    rateScale: number('--rate-scale', flags.rateScale),
    flat: flags.flat === true,
    ...(flags.hours === undefined ? {} : { hours: number('--hours', flags.hours) }),
    ...(flags.maxReads === undefined ? {} : { maxReads: number('--max-reads', flags.maxReads) }),
  };
}

async function withProgress<T>(
  io: CliIo,
  work: (onProgress: (done: number) => void) => Promise<T>,
): Promise<T> {
  const bar = io.isTty
    ? new SingleBar(
        { format: 'exporting [{bar}] {percentage}% of the window', stream: process.stderr },
        Presets.shades_classic,
      )
    : null;
  bar?.start(100, 0);
  try {
    return await work((done) => bar?.update(Math.round(done * 100)));
  } finally {
    bar?.stop();
  }
}

function describe({ facts, files }: K6ExportResult, outDir: string): string {
  const { plan } = facts;
  const bytes = facts.files.reduce((sum, f) => sum + f.bytes, 0);
  const lines = [
    `${plan.scenarioName} (seed ${plan.seed}): ${count(facts.reads)} reads in ` +
      `${count(facts.requests)} requests of at most ${plan.batch} reads, ` +
      `${plan.shards} shard${plan.shards === 1 ? '' : 's'}`,
    `k6 test: ${minutes(facts.durationMs)} at ${rate(plan.session.speed)}x ` +
      `(${plan.executor.executor}), busiest minute ${rate(facts.peakPerSecond)} requests/s`,
    `Wrote ${megabytes(bytes)} MB to ${outDir}: ${files.join(', ')}`,
  ];
  if (bytes > CONFIG_MAP_BYTES) {
    lines.push(
      'More than a ConfigMap holds (1 MiB): on a cluster the data goes on a volume (README.md).',
    );
  }
  return `${lines.join('\n')}\n`;
}

function number(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw usage(`${flag} takes a number; got "${text}"`);
  }
  return value;
}

function rate(n: number): string {
  return Number(n.toFixed(2)).toString();
}

function minutes(ms: number): string {
  const total = Math.round(ms / 60_000);
  return total < 60 ? `${total} min` : `${Math.floor(total / 60)} h ${total % 60} min`;
}

function usage(detail: string): TestbedError {
  return new TestbedError('ATB_CLI_USAGE', { detail });
}
