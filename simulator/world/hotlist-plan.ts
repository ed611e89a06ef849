import { initialHotlist, listing } from '../intelligence/hotlist.js';
import type { planOffending } from '../offenders/journeys.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { Zone } from '../traffic/zones.js';
import type { Registry } from '../vehicles/registry.js';
import type { HotlistChange } from './types.js';

/**
 * Every hotlist change of the run: the list as it stands at the start, and the offender
 * plan's listings (flagged vehicles, and stolen ones once their theft is reported).
 */
export function buildHotlist(
  scenario: ResolvedScenario,
  registry: Registry,
  zones: readonly Zone[],
  plan: ReturnType<typeof planOffending>,
): HotlistChange[] {
  const seed = scenario.seed;
  const homeTownOf = (vehicleId: number): string =>
    zones[registry.homeZoneOf(vehicleId)]?.name ?? '';
  const changes = initialHotlist(registry, scenario.hotlist, {
    seed,
    atMs: scenario.startMs,
    homeTownOf,
  });
  for (const l of plan.listings) {
    changes.push(
      listing(l.vehicleId, l.category, l.atMs, l.reason, registry, seed, homeTownOf(l.vehicleId)),
    );
  }
  return dedupe(changes).sort((a, b) => a.atMs - b.atMs || (a.changeId < b.changeId ? -1 : 1));
}

/** A vehicle listed twice for the same reason keeps its first entry. */
function dedupe(changes: HotlistChange[]): HotlistChange[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    if (seen.has(c.changeId)) return false;
    seen.add(c.changeId);
    return true;
  });
}
