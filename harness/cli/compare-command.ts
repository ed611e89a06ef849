import type { Command } from 'commander';
import { TestbedError } from '../../simulator/errors.js';
import { compareRuns } from '../../reports/compare.js';
import { compareMarkdown, compareText } from '../../reports/compare-output.js';
import { readRunSummary } from '../../reports/read-summary.js';
import { printJson, type CliIo } from './io.js';

interface CompareFlags {
  json?: boolean;
  markdown?: boolean;
}

export function registerCompareCommand(program: Command, io: CliIo): void {
  program
    .command('compare')
    .description(
      'Show what changed between two runs: every score side by side, the changes that ' +
        'matter first',
    )
    .argument('<run-a>', 'the folder of the first run (its summary.json is read)')
    .argument('<run-b>', 'the folder of the second run')
    .option('--json', 'print the comparison as JSON')
    .option('--markdown', 'print the comparison as Markdown, for a pull request')
    .addHelpText(
      'after',
      '\nA change matters when a verdict, check or threshold flips, recall moves more ' +
        'than 0.5 points,\nlatency more than 20 %, or interceptions or innocent stops ' +
        'change at all.\nExit status: 0 when both runs were read, 2 when one could not be.',
    )
    .action(async (dirA: string, dirB: string, flags: CompareFlags) => {
      if (flags.json && flags.markdown) {
        throw new TestbedError('ATB_CLI_USAGE', {
          detail: '--json and --markdown cannot be used together',
        });
      }
      const [a, b] = [await readRunSummary(dirA), await readRunSummary(dirB)];
      const result = compareRuns({ dir: dirA, summary: a }, { dir: dirB, summary: b });
      if (flags.json) printJson(io, result);
      else io.out(flags.markdown ? compareMarkdown(result) : compareText(result));
    });
}
