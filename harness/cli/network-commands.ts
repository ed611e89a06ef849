import type { Command } from 'commander';
import {
  cameraAvoidanceCosts,
  createNetwork,
  findPlace,
  networkStats,
  roadLegs,
  type Network,
  type NetworkStats,
  type Route,
} from '../../simulator/network/index.js';
import { TestbedError } from '../../simulator/errors.js';
import { loadNetworkFixture } from '../network/load.js';
import { importOsmPbf } from '../network/osm/index.js';
import { exportSumo, SUMO_FILES } from '../network/sumo-export.js';
import { duration, km, table } from './format.js';
import { printJson, type CliIo } from './io.js';

interface NetworkFlag {
  network?: string;
}

async function openNetwork(flags: NetworkFlag): Promise<Network> {
  return createNetwork(await loadNetworkFixture(flags.network));
}

export function registerNetworkCommands(program: Command, io: CliIo): void {
  const network = program
    .command('network')
    .description('Inspect, route over, import and export road networks');

  network
    .command('stats')
    .description('Summarise a network: size, roads by class, places, gateways, bases, cameras')
    .option('--network <dir>', 'network folder (default: the bundled North Yorkshire network)')
    .option('--json', 'print JSON instead of text')
    .action(async (flags: NetworkFlag & { json?: boolean }) => {
      const net = await openNetwork(flags);
      const stats = networkStats(net);
      if (flags.json) printJson(io, { ...stats, problems: net.problems });
      else io.out(describeStats(stats, net));
    });

  network
    .command('route')
    .description('The quickest route between two places')
    .requiredOption('--from <place>', 'place to start from')
    .requiredOption('--to <place>', 'place to go to')
    .option('--avoid-cameras', 'route as a driver who avoids known fixed camera sites')
    .option('--network <dir>', 'network folder (default: the bundled North Yorkshire network)')
    .option('--json', 'print JSON instead of text')
    .action(async (flags: RouteFlags) => {
      const net = await openNetwork(flags);
      const result = planRoute(net, flags);
      if (flags.json) printJson(io, result);
      else io.out(describeRoute(result));
    });

  network
    .command('import')
    .description('Import the main roads of an OpenStreetMap PBF extract into a network folder')
    .argument('<file>', 'an .osm.pbf extract, e.g. of North Yorkshire')
    .requiredOption('--out <dir>', 'network folder to write')
    .option('--json', 'print the import summary as JSON')
    .action(async (file: string, flags: { out: string; json?: boolean }) => {
      const summary = await importOsmPbf(file, flags.out, {
        onProgress: (p) => {
          if (io.isTty) io.err(`\r${p.phase}: ${p.items.toLocaleString('en-GB')}        `);
        },
      });
      if (io.isTty) io.err('\n');
      if (flags.json) return printJson(io, summary);
      io.out(
        `Imported ${summary.roadsWritten} roads (${summary.roadLengthKm.toFixed(1)} km) and ` +
          `${summary.placesWritten} places into ${flags.out}\n` +
          (summary.waysSkipped > 0
            ? `Skipped ${summary.waysSkipped} ways whose nodes are not in the file\n`
            : '') +
          `Next: anpr-testbed network stats --network ${flags.out}\n`,
      );
    });

  network
    .command('export-sumo')
    .description('Write the network as SUMO plain XML, with camera sites as induction loops')
    .requiredOption('--out <dir>', 'folder to write the SUMO files into')
    .option('--network <dir>', 'network folder (default: the bundled North Yorkshire network)')
    .action(async (flags: NetworkFlag & { out: string }) => {
      const net = await openNetwork(flags);
      const files = await exportSumo(net, flags.out);
      io.out(
        `Wrote ${files.join(', ')}\n` +
          `Build the SUMO network with: cd ${flags.out} && netconvert -c ${SUMO_FILES.config}\n`,
      );
    });
}

interface RouteFlags extends NetworkFlag {
  from: string;
  to: string;
  avoidCameras?: boolean;
  json?: boolean;
}

export interface RouteReport {
  from: string;
  to: string;
  avoidCameras: boolean;
  lengthM: number;
  timeS: number;
  roads: { id: string; ref: string | null; name: string; lengthM: number; timeS: number }[];
  /** Camera sites the route passes, in order, with their kind. */
  cameras: { id: string; kind: string }[];
}

export function planRoute(net: Network, flags: Omit<RouteFlags, 'json' | 'network'>): RouteReport {
  const from = findPlace(net, flags.from);
  const to = findPlace(net, flags.to);
  const avoid = flags.avoidCameras === true;
  const route = net.router.route(
    from.node,
    to.node,
    avoid ? { extraCostS: cameraAvoidanceCosts(net) } : {},
  );
  if (!route) {
    throw new TestbedError('ATB_NETWORK_UNREACHABLE', {
      from: from.name,
      to: to.name,
      reason: 'the two places lie on parts of the network that no road joins',
    });
  }
  return {
    from: from.name,
    to: to.name,
    avoidCameras: avoid,
    lengthM: Math.round(route.lengthM),
    timeS: Math.round(route.timeS),
    roads: roadLegs(net.graph, route.edges).map((leg) => {
      const road = net.graph.roads[leg.roadIndex]!;
      return {
        id: road.id,
        ref: road.ref,
        name: road.name,
        lengthM: Math.round(leg.lengthM),
        timeS: Math.round(leg.timeS),
      };
    }),
    cameras: camerasOnRoute(net, route),
  };
}

function camerasOnRoute(net: Network, route: Route): RouteReport['cameras'] {
  const position = new Map(route.edges.map((e, i) => [e, i]));
  const passed: { id: string; kind: string; order: number }[] = [];
  // In-car cameras travel with their units, so a route does not pass them at a site.
  for (const placement of net.cameras.filter((c) => c.kind !== 'in-car')) {
    for (const watch of placement.watches) {
      const at = position.get(watch.edge);
      if (at !== undefined)
        passed.push({
          id: placement.cameraId,
          kind: placement.kind,
          order: at + watch.offsetM / 1e7,
        });
    }
  }
  return passed.sort((a, b) => a.order - b.order).map(({ id, kind }) => ({ id, kind }));
}

function describeRoute(r: RouteReport): string {
  const rows = r.roads.map((leg) => [
    leg.ref ?? leg.id,
    leg.name,
    km(leg.lengthM),
    duration(leg.timeS),
  ]);
  const cameras =
    r.cameras.length === 0 ? 'none' : r.cameras.map((c) => `${c.id} (${c.kind})`).join(', ');
  return [
    `${r.from} to ${r.to}${r.avoidCameras ? ', avoiding known fixed camera sites' : ''}: ` +
      `${km(r.lengthM)}, ${duration(r.timeS)} at free-flow speed`,
    table(rows),
    `  Camera sites passed: ${cameras}`,
    '',
  ].join('\n');
}

export function describeStats(s: NetworkStats, net: Network): string {
  const classes = Object.entries(s.kmByClass).map(([cls, kmv]) => [
    cls,
    `${s.roads.byClass[cls as keyof typeof s.roads.byClass]} roads`,
    `${kmv.toFixed(1)} km`,
  ]);
  const cameras = Object.entries(s.cameras.byKind).map(([kind, n]) => [kind, String(n)]);
  const leadsTo = Object.entries(s.gateways.leadsTo).map(([area, n]) => [area, String(n)]);
  const lines = [
    `Network: ${s.nodes} nodes, ${s.edges} directed edges, ${s.totalKm.toFixed(1)} km of road, ` +
      `${s.components === 1 ? 'one connected part' : `${s.components} separate parts`}`,
    `Roads: ${s.roads.total} (${s.roads.approximate} drawn as approximations)`,
    table(classes),
    `Places: ${s.places.total} (${s.places.insideForceArea} inside the force area)`,
    `Gateways: ${s.gateways.total} (${s.gateways.border} border crossings, ${s.gateways.edge} where the modelled area ends), leading to:`,
    table(leadsTo),
    `Police bases: ${s.bases.total}, with ${s.bases.roadCrimeUnits} road crime team cars and ${s.bases.responseUnits} response cars`,
    `Camera sites: ${s.cameras.total} (${s.cameras.placed} placed on the network)`,
    table(cameras),
  ];
  if (net.problems.length > 0) {
    lines.push(`Problems (${net.problems.length}):`);
    lines.push(...net.problems.slice(0, 20).map((p) => `  ${p.path}: ${p.message}`));
    if (net.problems.length > 20)
      lines.push(`  … and ${net.problems.length - 20} more (see --json)`);
  }
  return `${lines.join('\n')}\n`;
}
