import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { PROTOCOL_VERSION } from '../hub-api/protocol.js';
import { buildHubServer } from '../../reference-hub/index.js';
import { decisionSettings, resolveHubOptions } from '../../reference-hub/options.js';
import {
  flagsForSettings,
  SETTING_FLAGS,
  settingsFromFlags,
} from '../../reference-hub/settings.js';
import { TestbedError } from '../../simulator/errors.js';
import { createNetwork } from '../../simulator/network/index.js';
import { loadNetworkFixture } from '../network/load.js';
import type { CliIo } from './io.js';

interface HubFlags {
  port: string;
  host: string;
  token?: string;
  network?: string;
  [setting: string]: unknown;
}

/** A hub that is listening, until closed. */
export interface RunningHub {
  url: string;
  token: string;
  close(): Promise<void>;
}

/** Resolves when the hub should stop; by default on SIGINT or SIGTERM. */
export type StopSignal = () => Promise<void>;

export function registerHubCommand(
  program: Command,
  io: CliIo,
  stopSignal: StopSignal = untilInterrupted,
): void {
  const command = program
    .command('hub')
    .description('Run the reference hub: the Hub API over HTTP, until interrupted')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--token <token>', 'bearer token clients must send (default: a new random one)')
    .option('--network <dir>', 'network folder (default: the bundled North Yorkshire network)');
  for (const s of SETTING_FLAGS) command.option(`${s.flag} <value>`, s.meaning);
  command.action(async (flags: HubFlags) => {
    const hub = await startHub(flags, io);
    await stopSignal();
    await hub.close();
    io.out('Reference hub stopped\n');
  });
}

/**
 * Loads the network, builds the server and listens; prints where and with which
 * token.
 */
export async function startHub(flags: HubFlags, io: CliIo): Promise<RunningHub> {
  const port = parsePort(flags.port);
  const settings = settingsFromFlags(flags);
  const network = createNetwork(await loadNetworkFixture(flags.network));
  const token = flags.token ?? randomBytes(24).toString('base64url');
  const app = buildHubServer({
    token,
    network,
    hub: settings,
    logger: { level: 'info', stream: { write: (line: string) => io.err(line) } },
  });
  let url: string;
  try {
    url = await app.listen({ port, host: flags.host });
  } catch (err) {
    await app.close();
    throw listenError(err, flags.host, port);
  }
  io.out(
    `Reference hub listening on ${url} (Hub API ${PROTOCOL_VERSION})\n` +
      `Token: ${token}${flags.token === undefined ? ' (generated; choose one with --token)' : ''}\n` +
      `Settings: ${flagsForSettings(decisionSettings(resolveHubOptions(settings))).join(' ')}\n` +
      'Stop it with Ctrl+C\n',
  );
  return { url, token, close: () => app.close() };
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || port > 65_535) {
    throw new TestbedError('ATB_CLI_USAGE', {
      detail: `--port takes a whole number from 0 to 65535; got "${text}"`,
    });
  }
  return port;
}

function listenError(err: unknown, host: string, port: number): TestbedError {
  const code = (err as NodeJS.ErrnoException).code;
  const where = { host, port: String(port) };
  if (code === 'EADDRINUSE') return new TestbedError('ATB_HUB_PORT_IN_USE', where, { cause: err });
  const reason = err instanceof Error ? err.message : String(err);
  return new TestbedError('ATB_HUB_LISTEN_FAILED', { ...where, reason }, { cause: err });
}

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
