import type { HotlistEntry } from '../harness/hub-api/protocol.js';
import { differenceCost, foldMark, withoutChar } from './lookalikes.js';

/** A hotlist entry matched by a read. */
export interface EntryMatch {
  entry: HotlistEntry;
  match: 'exact' | 'similar';
  /** The read's confidence, lowered once per difference for a similar match. */
  confidence: number;
}

interface DeletionRef {
  entry: HotlistEntry;
  /** The position of the mark's character a partial read would have lost. */
  at: number;
}

/**
 * The active hotlist, indexed so that matching a read is three map lookups: by the
 * mark itself (exact), by its look-alike-folded key (misreads), and by the folded
 * keys of the mark with one character taken out (partial reads). Several entries may
 * share a mark.
 */
export class HotlistIndex {
  private readonly entries = new Map<string, HotlistEntry>();
  private readonly byMark = new Map<string, HotlistEntry[]>();
  private readonly byFolded = new Map<string, HotlistEntry[]>();
  private readonly byDeletion = new Map<string, DeletionRef[]>();

  /**
   * @param similarFactor what each difference (a look-alike, a lost character) multiplies
   *   the read's confidence by in a similar match
   * @param maxDifferences the most differences a similar match may have
   */
  constructor(
    private readonly similarFactor: number,
    private readonly maxDifferences: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(entryId: string): HotlistEntry | undefined {
    return this.entries.get(entryId);
  }

  /** Adds an entry, or replaces the one with the same id. */
  upsert(entry: HotlistEntry): void {
    this.remove(entry.entryId);
    this.entries.set(entry.entryId, entry);
    push(this.byMark, entry.vrm, entry);
    push(this.byFolded, foldMark(entry.vrm), entry);
    if (entry.vrm.length < 2) return;
    for (let at = 0; at < entry.vrm.length; at++) {
      push(this.byDeletion, foldMark(withoutChar(entry.vrm, at)), { entry, at });
    }
  }

  /** Takes an entry out; returns it, or undefined when there was none. */
  remove(entryId: string): HotlistEntry | undefined {
    const entry = this.entries.get(entryId);
    if (!entry) return undefined;
    this.entries.delete(entryId);
    pull(this.byMark, entry.vrm, (e) => e === entry);
    pull(this.byFolded, foldMark(entry.vrm), (e) => e === entry);
    for (let at = 0; at < entry.vrm.length; at++) {
      pull(this.byDeletion, foldMark(withoutChar(entry.vrm, at)), (ref) => ref.entry === entry);
    }
    return entry;
  }

  /**
   * Every entry the read may be, each once with its best match, exact ones first.
   * Limitation: the current-format template (digits in positions 3 and 4, letters
   * elsewhere) is not used to rule look-alikes out, so an older or cherished mark
   * matches as freely as a current one.
   */
  match(vrm: string, confidence: number): readonly EntryMatch[] {
    const exact = this.byMark.get(vrm);
    const folded = foldMark(vrm);
    const similar = this.byFolded.get(folded);
    const partial = this.byDeletion.get(folded);
    if (!exact && !similar && !partial) return NO_MATCHES;

    const found: EntryMatch[] = [];
    for (const entry of exact ?? []) found.push({ entry, match: 'exact', confidence });
    for (const entry of similar ?? []) {
      if (entry.vrm === vrm) continue;
      this.addSimilar(found, entry, confidence, differenceCost(vrm, entry.vrm));
    }
    for (const { entry, at } of partial ?? []) {
      this.addSimilar(
        found,
        entry,
        confidence,
        1 + differenceCost(vrm, withoutChar(entry.vrm, at)),
      );
    }
    return found;
  }

  private addSimilar(found: EntryMatch[], entry: HotlistEntry, readConf: number, cost: number) {
    if (cost > this.maxDifferences) return;
    const confidence = readConf * this.similarFactor ** cost;
    const earlier = found.find((m) => m.entry === entry);
    if (!earlier) found.push({ entry, match: 'similar', confidence });
    else if (earlier.match === 'similar' && earlier.confidence < confidence) {
      earlier.confidence = confidence;
    }
  }
}

const NO_MATCHES: readonly EntryMatch[] = [];

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function pull<T>(map: Map<string, T[]>, key: string, drop: (value: T) => boolean): void {
  const list = map.get(key);
  if (!list) return;
  const kept = list.filter((value) => !drop(value));
  if (kept.length > 0) map.set(key, kept);
  else map.delete(key);
}
