import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A small night for the runner's tests: two hours of light traffic in which a Leeds team
 * in its own flagged pickup drives to a village in the Vale of York, so there are listed
 * sightings, alerts and a dispatch to score within a few seconds of play.
 */
export const SMALL_NIGHT = `
name: Small night
seed: 4242
window:
  start: 2026-11-12T21:00:00Z
  durationHours: 2
traffic:
  dailyTrips: 60000
hotlist:
  reportLagMinutesMedian: 20
offenders:
  nightShare: 1
  groups:
    - name: Leeds plant team
      home: Leeds
      vehicles:
        - { kind: own, flagged: true, type: pickup }
      awareness: unaware
      offences: [plant-theft]
      targets: [Tockwith, Long Marston]
    - name: Bradford burglars
      home: Bradford
      vehicles:
        - { kind: stolen, type: car }
      awareness: unaware
      offences: [burglary]
      targets: [Burton Leonard, Ferrensby]
`;

/** A night whose roads are empty: nothing passes a camera, so there is nothing to send. */
export const EMPTY_NIGHT = `
name: Empty night
seed: 1
window:
  start: 2026-11-12T21:00:00Z
  durationHours: 1
traffic:
  dailyTrips: 0
`;

/** Writes a scenario file (by default the small night) into a new temporary folder. */
export async function scenarioFile(
  text = SMALL_NIGHT,
  extra = '',
): Promise<{ dir: string; path: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'atb-run-'));
  const path = join(dir, 'scenario.yaml');
  await writeFile(path, `${text}${extra}`);
  return { dir, path };
}
