import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenarioFile, SMALL_NIGHT } from '../../runner/testing.js';
import { exportK6, type K6ExportOptions, type K6ExportResult } from '../k6-export.js';

/** The runner tests' small night, with a latency threshold and one a load test cannot measure. */
export const SMALL_NIGHT_WITH_THRESHOLDS = `${SMALL_NIGHT}
thresholds:
  detection.latencyMs.p99: { max: 2000 }
  detection.recall: { min: 0.9 }
`;

export interface SmallExport {
  scenarioPath: string;
  dir: string;
  result: K6ExportResult;
  remove(): Promise<void>;
}

/** Exports the small night into a new temporary folder. */
export async function exportSmallNight(
  options: Partial<Omit<K6ExportOptions, 'scenarioPath' | 'outDir'>> = {},
  text = SMALL_NIGHT_WITH_THRESHOLDS,
): Promise<SmallExport> {
  const scenario = await scenarioFile(text);
  const dir = await mkdtemp(join(tmpdir(), 'atb-k6-'));
  const result = await exportK6({ scenarioPath: scenario.path, outDir: dir, ...options });
  return {
    scenarioPath: scenario.path,
    dir,
    result,
    remove: async () => {
      await rm(dir, { recursive: true, force: true });
      await rm(scenario.dir, { recursive: true, force: true });
    },
  };
}
