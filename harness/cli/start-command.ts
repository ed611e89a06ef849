import { isAbsolute, relative } from 'node:path';
import type { Command } from 'commander';
import { defaultScenarioPath } from '../paths.js';
import type { CliIo } from './io.js';
import { runAndReport } from './run-command.js';

/** Where `npm start` writes its run, relative to the working folder. */
export const DEFAULT_RUN_DIR = 'runs/hawk-night';

/**
 * The main job, `npm start`: the default scenario, a night of cross-border offending in
 * North Yorkshire, played in virtual time into the built-in reference hub, scored and
 * written to `runs/hawk-night/`.
 */
export function registerStartCommand(program: Command, io: CliIo): void {
  program
    .command('start')
    .description(
      'The main job: a night of cross-border offending in North Yorkshire, played into the ' +
        'built-in reference hub and scored',
    )
    .option('--out <dir>', 'folder for the run log, summary and report', DEFAULT_RUN_DIR)
    .option('--json', 'print summary.json instead of the short summary')
    .action(async (flags: { out: string; json?: boolean }) => {
      if (!flags.json) {
        io.out(
          'Playing scenarios/hawk-night.yaml (a night of cross-border offending, 18:00 to ' +
            '06:00) into the built-in reference hub, in virtual time.\n',
        );
      }
      await runAndReport(io, {
        scenarioPath: shortPath(defaultScenarioPath()),
        hub: { kind: 'reference' },
        mode: { kind: 'virtual', tickMs: 1000 },
        outDir: flags.out,
        json: flags.json === true,
      });
      if (!flags.json) {
        io.out(
          '\nTo drive your own hub with the same night: ' +
            'npx anpr-testbed run scenarios/hawk-night.yaml --hub URL --token T --out runs/mine\n',
        );
      }
    });
}

/** A path from the working folder when the file is under it, as a user would type it. */
function shortPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere.startsWith('..') || isAbsolute(fromHere) ? path : fromHere;
}
