import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TestbedError } from '../../simulator/errors.js';
import type { HubDriver } from '../hub-api/driver.js';
import { createHttpDriver } from '../hub-api/http-driver.js';
import { loadDriverModule } from '../hub-api/load-driver.js';
import { createInProcessDriver } from '../../reference-hub/in-process.js';
import type { HubOptions } from '../../reference-hub/options.js';
import { writeReport } from '../../reports/html/index.js';
import { RUN_DIR_FILES } from '../../reports/run-dir.js';
import { writeJunit, writeMarkdown } from '../../reports/write-reports.js';
import { loadScenario } from '../scenario/load.js';
import { checkThresholdNames } from '../scoring/thresholds.js';
import { summarise, type RunSummary } from '../scoring/summary.js';
import type { RunControl } from './control.js';
import type { RetryPolicy } from './hub-link.js';
import { RunLog } from './run-log.js';
import { runScenario, type RunProgress, type TimeMode } from './runner.js';

/** Which hub a run drives. */
export type HubChoice =
  | { kind: 'reference'; options?: HubOptions }
  | {
      kind: 'http';
      url: string;
      token: string;
      delivery: 'push' | 'pull';
      /** How long to wait for an answer before counting a call as timed out. */
      timeoutMs?: number;
    }
  | { kind: 'module'; file: string; url?: string; token?: string };

export interface ExecuteOptions {
  scenarioPath: string;
  hub: HubChoice;
  mode: TimeMode;
  outDir: string;
  seed?: number;
  retry?: RetryPolicy;
  control?: RunControl;
  onProgress?: (progress: RunProgress) => void;
}

export interface ExecuteResult {
  summary: RunSummary;
  /** Every file written into the output folder. */
  files: string[];
  /** The HTML report. */
  report: string;
}

/**
 * A whole run as the CLI makes it: loads the scenario, connects to the hub, plays the
 * world into it, judges what it did and writes the run log, `summary.json`, `junit.xml`,
 * `summary.md` and the HTML report into the output folder. They are written even when the
 * hub failed throughout.
 */
export async function executeRun(options: ExecuteOptions): Promise<ExecuteResult> {
  const { scenario, network } = await loadScenario(options.scenarioPath);
  if (options.seed !== undefined) scenario.seed = options.seed;
  checkThresholdNames(scenario.thresholds, options.scenarioPath);
  await makeDir(options.outDir);
  const driver = await connect(options.hub, network);
  const log = new RunLog(join(options.outDir, RUN_DIR_FILES.log));
  log.write('run', {
    scenario: scenario.name,
    file: options.scenarioPath,
    seed: scenario.seed,
    mode: options.mode,
    target: driver.target,
  });
  let summary: RunSummary;
  try {
    const record = await runScenario({
      scenario,
      network,
      driver,
      mode: options.mode,
      log,
      sessionId: `run-${scenario.seed}`,
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.control ? { control: options.control } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    summary = summarise(record, {
      scenarioName: scenario.name,
      scenarioFile: options.scenarioPath,
      scenarioSha256: await fileSha256(options.scenarioPath),
      seed: scenario.seed,
      thresholds: scenario.thresholds,
      mode: options.mode,
      target: driver.target,
    });
    log.write('summary', { verdict: summary.verdict });
  } finally {
    log.close();
    await driver.close();
  }
  const summaryPath = join(options.outDir, RUN_DIR_FILES.summary);
  await writeFile(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
  const report = await writeReport(options.outDir);
  const junit = await writeJunit(options.outDir);
  const markdown = await writeMarkdown(options.outDir, report);
  return {
    summary,
    files: [join(options.outDir, RUN_DIR_FILES.log), summaryPath, junit, markdown, report],
    report,
  };
}

async function fileSha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

async function connect(
  hub: HubChoice,
  network: Parameters<typeof createInProcessDriver>[0],
): Promise<HubDriver> {
  switch (hub.kind) {
    case 'reference':
      return createInProcessDriver(network, hub.options);
    case 'http':
      return createHttpDriver({
        url: hub.url,
        token: hub.token,
        delivery: hub.delivery,
        ...(hub.timeoutMs === undefined ? {} : { timeoutMs: hub.timeoutMs }),
      });
    case 'module':
      return loadDriverModule(hub.file, {
        ...(hub.url ? { url: hub.url } : {}),
        ...(hub.token ? { token: hub.token } : {}),
      });
  }
}

async function makeDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new TestbedError('ATB_FILE_UNWRITABLE', { path: dir, reason });
  }
}
