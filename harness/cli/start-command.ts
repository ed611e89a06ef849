import type { Command } from 'commander';
import { createNetwork, networkStats } from '../../simulator/network/index.js';
import { loadNetworkFixture } from '../network/load.js';
import { printJson, type CliIo } from './io.js';
import { describeStats, planRoute, type RouteReport } from './network-commands.js';
import { duration, km } from './format.js';

/**
 * The main job, `npm start`. Until runs against a hub exist it loads the bundled network,
 * prints its summary and shows how a camera-aware offender's route from York to
 * Scarborough differs from an ordinary driver's.
 */
export function registerStartCommand(program: Command, io: CliIo): void {
  program
    .command('start')
    .description('The main job on the embedded defaults: the bundled North Yorkshire network')
    .option('--json', 'print JSON instead of text')
    .action(async (flags: { json?: boolean }) => {
      const net = createNetwork(await loadNetworkFixture());
      const stats = networkStats(net);
      const plain = planRoute(net, { from: 'York', to: 'Scarborough' });
      const aware = planRoute(net, { from: 'York', to: 'Scarborough', avoidCameras: true });
      if (flags.json) {
        printJson(io, { network: stats, routes: [plain, aware] });
        return;
      }
      io.out(describeStats(stats, net));
      io.out(`\n${compareRoutes(plain, aware)}\n`);
      io.out(
        '\nNext: generate a night of cross-border offending as time-ordered reads:\n' +
          '  npx anpr-testbed generate scenarios/hawk-night.yaml --out out/hawk-night\n',
      );
    });
}

function compareRoutes(plain: RouteReport, aware: RouteReport): string {
  const via = (r: RouteReport): string => r.roads.map((leg) => leg.ref ?? leg.name).join(', ');
  return [
    `York to Scarborough, ordinary driver: ${km(plain.lengthM)}, ${duration(plain.timeS)} via ${via(plain)};`,
    `  passes ${plain.cameras.length} camera sites.`,
    `Same trip avoiding known fixed cameras: ${km(aware.lengthM)}, ${duration(aware.timeS)} via ${via(aware)};`,
    `  passes ${aware.cameras.length} camera sites (${aware.cameras.map((c) => c.kind).join(', ') || 'none'}).`,
  ].join('\n');
}
