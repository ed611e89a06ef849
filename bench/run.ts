/**
 * Runner benchmark: the default scenario (a 12-hour night, about 790,000 reads) played in
 * virtual time against the reference hub, first in this process through the in-process
 * driver, then over HTTP on loopback to the hub served from a child process (so hub and
 * harness each have a core, as they would on two machines). Prints how many times faster
 * than real time each went, and checks the two gave the same scores.
 * Run with `npm run bench:run`; prints one JSON document.
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHubServer } from '../reference-hub/server.js';
import { loadNetworkFixture } from '../harness/network/load.js';
import { createNetwork } from '../simulator/network/index.js';
import { executeRun, type HubChoice } from '../harness/runner/execute.js';
import { defaultScenarioPath } from '../harness/paths.js';

const TOKEN = 'bench-token';

interface Measurement {
  driver: string;
  wallSeconds: number;
  simulatedHours: number;
  timesRealTime: number;
  reads: number;
  alerts: number;
  recall: number | null;
  intercepted: number;
  peakRssMb: number;
}

async function measure(driver: string, hub: HubChoice): Promise<Measurement & { scores: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'atb-bench-run-'));
  try {
    const { summary: s } = await executeRun({
      scenarioPath: defaultScenarioPath(),
      hub,
      mode: { kind: 'virtual', tickMs: 1000 },
      outDir: dir,
    });
    return {
      driver,
      wallSeconds: round(s.run.wallMs / 1000),
      simulatedHours: round(s.run.simulatedMs / 3_600_000),
      timesRealTime: s.run.speedup,
      reads: s.reads.delivered,
      alerts: s.detection.alerts,
      recall: s.detection.recall,
      intercepted: s.interception.intercepted,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      scores: JSON.stringify([s.reads, { ...s.detection, latencyMs: null }, s.interception]),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The hub in a child process: answers with its URL once it listens. */
async function serveHub(): Promise<void> {
  const app = buildHubServer({ token: TOKEN, network: createNetwork(await loadNetworkFixture()) });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  process.send!(url);
  process.on('disconnect', () => void app.close().then(() => process.exit(0)));
}

async function main(): Promise<void> {
  if (process.argv.includes('--hub')) return serveHub();
  const inProcess = await measure('in-process', { kind: 'reference' });
  const child = fork(fileURLToPath(import.meta.url), ['--hub'], { stdio: 'inherit' });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve(m as string));
    child.once('exit', (code) => reject(new Error(`the hub process ended with ${code}`)));
  });
  const overHttp = await measure('http (push)', {
    kind: 'http',
    url,
    token: TOKEN,
    delivery: 'push',
  });
  child.disconnect();
  const { scores: a, ...first } = inProcess;
  const { scores: b, ...second } = overHttp;
  console.log(
    JSON.stringify(
      {
        benchmark: 'run',
        scenario: 'scenarios/hawk-night.yaml',
        targets: { inProcessTimesRealTime: 500, httpTimesRealTime: 100 },
        runs: [first, second],
        sameScores: a === b,
      },
      null,
      2,
    ),
  );
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

await main();
