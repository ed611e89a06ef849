import type { HotlistChange } from '../../simulator/world/types.js';

/**
 * The hotlist as it truly stood at each moment, kept by the harness from the world's own
 * changes (never from what the hub says). Changes must be applied in time order.
 */
export class TruthHotlist {
  private readonly byVrm = new Map<string, Map<string, HotlistChange>>();
  private readonly vrmOfEntry = new Map<string, string>();

  apply(change: HotlistChange): void {
    if (change.action === 'add') {
      const previous = this.vrmOfEntry.get(change.entryId);
      if (previous !== undefined) this.drop(previous, change.entryId);
      let entries = this.byVrm.get(change.vrm);
      if (!entries) this.byVrm.set(change.vrm, (entries = new Map<string, HotlistChange>()));
      entries.set(change.entryId, change);
      this.vrmOfEntry.set(change.entryId, change.vrm);
      return;
    }
    const vrm = this.vrmOfEntry.get(change.entryId);
    if (vrm !== undefined) this.drop(vrm, change.entryId);
  }

  /** The entries listing a mark now; empty when it is not listed. */
  entries(vrm: string): readonly HotlistChange[] {
    const entries = this.byVrm.get(vrm);
    return entries ? [...entries.values()] : [];
  }

  isListed(vrm: string): boolean {
    return this.byVrm.has(vrm);
  }

  private drop(vrm: string, entryId: string): void {
    const entries = this.byVrm.get(vrm);
    entries?.delete(entryId);
    if (entries?.size === 0) this.byVrm.delete(vrm);
    this.vrmOfEntry.delete(entryId);
  }
}

/** The most urgent entry: lowest priority number, then first listed. */
export function mostUrgent(entries: readonly HotlistChange[]): HotlistChange | undefined {
  let best: HotlistChange | undefined;
  for (const e of entries) if (!best || e.priority < best.priority) best = e;
  return best;
}
