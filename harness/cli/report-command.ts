import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { mustBeFolder, writeReport } from '../../reports/html/index.js';
import { LOAD_DIR_FILES, rebuildLoadReports } from '../../reports/load/index.js';
import { RUN_DIR_FILES } from '../../reports/run-dir.js';
import { TestbedError } from '../../simulator/errors.js';
import type { CliIo } from './io.js';

interface ReportFlags {
  out?: string;
}

export function registerReportCommand(program: Command, io: CliIo): void {
  program
    .command('report')
    .description(
      "Make a run's or a load test's HTML report again from its folder (summary.json and run " +
        'log, or load.json)',
    )
    .argument('<dir>', 'a folder a run or a load test wrote into with --out')
    .option('--out <file>', 'where to write the report (default: DIR/report.html)')
    .addHelpText(
      'after',
      '\nThe report is one HTML file with no scripts and nothing to fetch: it opens offline ' +
        'in any browser and prints on A4.\nA load test’s junit.xml and summary.md are made ' +
        'again too, beside its load.json.\nExit status: 0 when written, 2 when the folder ' +
        'holds no finished run or load test.',
    )
    .action(async (dir: string, flags: ReportFlags) => {
      for (const path of await rebuild(dir, flags.out)) io.out(`${path}\n`);
    });
}

/**
 * Makes the reports of whatever the folder holds: a run (its `summary.json`) or else a
 * load test (its `load.json`). Returns the files written, the HTML report first.
 */
async function rebuild(dir: string, out: string | undefined): Promise<string[]> {
  await mustBeFolder(dir);
  if (existsSync(join(dir, RUN_DIR_FILES.summary))) return [await writeReport(dir, out)];
  if (existsSync(join(dir, LOAD_DIR_FILES.result))) {
    const files = await rebuildLoadReports(dir, out);
    return [files.report, files.junit, files.markdown];
  }
  throw new TestbedError('ATB_FILE_UNREADABLE', {
    path: dir,
    reason:
      `it holds neither ${RUN_DIR_FILES.summary} (written by anpr-testbed run) nor ` +
      `${LOAD_DIR_FILES.result} (written by anpr-testbed load)`,
  });
}
