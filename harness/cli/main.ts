import { Command, CommanderError } from 'commander';
import { isTestbedError } from '../../simulator/errors.js';
import { processIo, type CliIo } from './io.js';
import { registerNetworkCommands } from './network-commands.js';
import { registerStartCommand } from './start-command.js';
import { registerGenerateCommand } from './generate-command.js';
import { registerHubCommand } from './hub-command.js';
import { registerRunCommand } from './run-command.js';
import { registerLoadCommand } from './load-command.js';
import { registerExportCommand } from './export-command.js';
import { registerReportCommand } from './report-command.js';
import { registerCompareCommand } from './compare-command.js';

export function createProgram(io: CliIo): Command {
  const program = new Command('anpr-testbed')
    .description('A camera-network simulator and test harness for ANPR hubs')
    .version(VERSION)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  registerStartCommand(program, io);
  registerNetworkCommands(program, io);
  registerGenerateCommand(program, io);
  registerHubCommand(program, io);
  registerRunCommand(program, io);
  registerLoadCommand(program, io);
  registerExportCommand(program, io);
  registerReportCommand(program, io);
  registerCompareCommand(program, io);
  for (const command of program.commands) applyToTree(command, io);
  return program;
}

const VERSION = '0.1.0';

/** Subcommands inherit neither exitOverride nor the output settings from their parent. */
function applyToTree(command: Command, io: CliIo): void {
  command
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  for (const child of command.commands) applyToTree(child, io);
}

/** Runs the CLI and returns its exit code: 0 done, 1 failed, 2 usage or input error. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (err) {
    return reportError(err, io);
  }
}

function reportError(err: unknown, io: CliIo): number {
  if (err instanceof CommanderError) {
    const quiet = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
    return quiet.includes(err.code) ? 0 : 2;
  }
  if (isTestbedError(err)) {
    io.err(`anpr-testbed: ${err.message} [${err.code}]\n`);
    return err.exitCode;
  }
  io.err(
    `anpr-testbed: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  return 1;
}
