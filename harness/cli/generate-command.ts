import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { TestbedError } from '../../simulator/errors.js';
import type { ShardSpec } from '../../simulator/world/shard.js';
import { generate } from '../generate/run.js';
import { loadScenario } from '../scenario/load.js';
import { bundledNetworkDir } from '../paths.js';
import { printJson, type CliIo } from './io.js';

interface GenerateFlags {
  out: string;
  seed?: string;
  shard?: string;
  sumo?: string;
  json?: boolean;
}

export function registerGenerateCommand(program: Command, io: CliIo): void {
  program
    .command('generate')
    .description(
      "Generate a scenario's world: reads, sightings, hotlist changes, offences, journeys",
    )
    .argument('<scenario>', 'a scenario file (YAML), e.g. scenarios/hawk-night.yaml')
    .requiredOption('--out <dir>', 'folder to write the NDJSON files and summary.json into')
    .option('--seed <n>', "override the scenario's seed")
    .option(
      '--shard <i/n>',
      'generate only shard i of n (counting from 1); the shards together are the whole',
    )
    .option('--sumo <dir>', 'also write the trips as a SUMO route file')
    .option('--json', 'print the summary as JSON')
    .action(async (path: string, flags: GenerateFlags) => {
      const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
      const seed = flags.seed === undefined ? undefined : parseSeed(flags.seed);
      const loaded = await loadScenario(path);
      const { scenario, network } = loaded;
      const networkDir = loaded.networkDir;
      if (seed !== undefined) scenario.seed = seed;
      const bar = io.isTty
        ? new SingleBar(
            { format: 'generating [{bar}] {percentage}% of the window', stream: process.stderr },
            Presets.shades_classic,
          )
        : null;
      bar?.start(100, 0);
      const result = await generate(scenario, network, {
        outDir: flags.out,
        ...(shard ? { shard } : {}),
        ...(flags.sumo ? { sumoDir: flags.sumo } : {}),
        networkDir: networkDir ?? bundledNetworkDir(),
        onProgress: (done) => bar?.update(Math.round(done * 100)),
      });
      bar?.stop();
      if (flags.json) return printJson(io, result.summary);
      const s = result.summary;
      io.out(
        `${s.scenario} (seed ${s.seed}${shardLabel(shard)}): ` +
          `${s.trips.ordinary + s.trips.offender} trips, ${s.sightings.total} sightings, ` +
          `${s.reads.total} reads, ` +
          `${s.hotlist.adds} hotlist entries, ${s.offenders.journeys} offender journeys\n` +
          `Wrote ${result.files.join(', ')}\n`,
      );
    });
}

function shardLabel(shard: ShardSpec | undefined): string {
  return shard ? `, shard ${shard.index + 1}/${shard.count}` : '';
}

/** `2/4` is the second of four shards. */
export function parseShard(text: string): ShardSpec {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) throw usage(`--shard takes i/n, such as 2/4; got "${text}"`);
  const i = Number(match[1]);
  const n = Number(match[2]);
  if (n < 1) throw usage(`--shard ${text}: the number of shards must be at least 1`);
  if (i < 1 || i > n) throw usage(`--shard ${text}: the shard must be from 1 to ${n}`);
  return { index: i - 1, count: n };
}

function parseSeed(text: string): number {
  const seed = Number(text);
  if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) {
    throw usage(`--seed takes a whole number from 0 to 4294967295; got "${text}"`);
  }
  return seed;
}

function usage(detail: string): TestbedError {
  return new TestbedError('ATB_CLI_USAGE', { detail });
}
