import type { Command } from 'commander';
import { writeReport } from '../../reports/html/index.js';
import type { CliIo } from './io.js';

interface ReportFlags {
  out?: string;
}

export function registerReportCommand(program: Command, io: CliIo): void {
  program
    .command('report')
    .description("Make a run's HTML report again from its folder (summary.json and run log)")
    .argument('<run-dir>', 'a folder a run wrote into with --out')
    .option('--out <file>', 'where to write the report (default: RUN_DIR/report.html)')
    .addHelpText(
      'after',
      '\nThe report is one HTML file with no scripts and nothing to fetch: it opens offline ' +
        'in any browser and prints on A4.\nExit status: 0 when written, 2 when the folder ' +
        'is not a finished run.',
    )
    .action(async (dir: string, flags: ReportFlags) => {
      const path = await writeReport(dir, flags.out);
      io.out(`${path}\n`);
    });
}
