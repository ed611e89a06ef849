import type { EventPage, HubEvent } from '../harness/hub-api/protocol.js';
import { TestbedError } from '../simulator/errors.js';

/**
 * A session's events in the order raised, numbered from 1, for both kinds of
 * delivery: pages after a cursor (pull) and everything not yet taken (push,
 * in-process).
 *
 * Bounded: only the newest events, up to `capacity`, are kept (a tenth is dropped
 * at a time). A cursor from before the
 * oldest kept event continues at the oldest kept one, so a poller that falls that
 * far behind misses the dropped events (counted in `dropped`) but never stalls;
 * otherwise the same cursor always gives the same events.
 */
export class EventLog {
  private events: HubEvent[] = [];
  /** Sequence number of events[0]. */
  private firstSeq = 1;
  private takenSeq = 0;
  private droppedCount = 0;

  constructor(private readonly capacity: number) {}

  /** Events raised so far, including dropped ones. */
  get raised(): number {
    return this.firstSeq - 1 + this.events.length;
  }

  /** Events dropped to keep within capacity. */
  get dropped(): number {
    return this.droppedCount;
  }

  append(event: HubEvent): void {
    this.events.push(event);
    // Drop in slices of a tenth, so that the cost of shifting the array is spread
    // thin.
    if (this.events.length > this.capacity) {
      const excess = this.events.length - this.capacity;
      const cut = Math.min(this.events.length, Math.max(excess, Math.ceil(this.capacity / 10)));
      this.events = this.events.slice(cut);
      this.firstSeq += cut;
      this.droppedCount += cut;
    }
  }

  /**
   * Up to `limit` events after the cursor (empty: from the oldest kept), oldest
   * first.
   */
  page(cursor: string, limit: number): EventPage {
    const after = parseCursor(cursor);
    const start = Math.max(after + 1, this.firstSeq);
    const events = this.events.slice(start - this.firstSeq, start - this.firstSeq + limit);
    const last = events.length > 0 ? start + events.length - 1 : Math.max(after, 0);
    return { events, cursor: String(last) };
  }

  /** Every event raised since the last call, oldest first. */
  take(): HubEvent[] {
    const start = Math.max(this.takenSeq + 1, this.firstSeq);
    this.takenSeq = this.raised;
    return start > this.takenSeq ? [] : this.events.slice(start - this.firstSeq);
  }
}

function parseCursor(cursor: string): number {
  if (cursor === '') return 0;
  if (!/^\d{1,15}$/.test(cursor)) {
    throw new TestbedError('ATB_HUB_CURSOR_INVALID', { cursor: cursor.slice(0, 40) });
  }
  return Number(cursor);
}
