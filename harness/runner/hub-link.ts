import { setTimeout as sleep } from 'node:timers/promises';
import type { HubDriver } from '../hub-api/driver.js';
import { HubFault, isHubFault, type FaultKind } from '../hub-api/faults.js';
import type * as Wire from '../hub-api/protocol.js';
import type { RunLog } from './run-log.js';

export interface RetryPolicy {
  /** Attempts per call, the first included. */
  attempts: number;
  /** Wall-clock wait before the second attempt; doubled for each one after. */
  backoffMs: number;
  /**
   * After this many calls in a row have failed for good, the hub is taken to be down: calls
   * are not attempted (they fail at once) except one probe every `probeEveryMs`.
   */
  downAfter: number;
  probeEveryMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 3,
  backoffMs: 50,
  downAfter: 5,
  probeEveryMs: 2_000,
};

/** Hotlist changes per call at most. */
const HOTLIST_CHUNK = 1_000;

export type Outcome<T> = { ok: true; value: T } | { ok: false; fault: HubFault };

/** Where each read of a batch ended up. */
export interface ReadsOutcome {
  accepted: number;
  rejected: Wire.ReadRejection[];
  failed: number;
  /** Whether each read, by position, was accepted. */
  acceptedAt: boolean[];
}

/**
 * The harness's side of the conversation with a hub: every call through the driver is
 * logged, retried within the policy and counted, and a failure never escapes as an
 * exception. A hub that keeps failing is declared down and probed now and then rather
 * than waited on for every call.
 */
export class HubLink {
  readonly faults = new Map<FaultKind, number>();
  /** Calls that failed after every attempt, by call. */
  readonly failedCalls = new Map<string, number>();
  retries = 0;
  downSpells = 0;
  private failuresInRow = 0;
  private down = false;
  private lastProbe = 0;

  constructor(
    readonly driver: HubDriver,
    private readonly log: RunLog,
    private readonly policy: RetryPolicy = DEFAULT_RETRY,
  ) {}

  get isDown(): boolean {
    return this.down;
  }

  /** Calls the hub, retrying faults that may pass; never throws a HubFault. */
  async call<T>(
    name: string,
    action: () => Promise<T>,
    detail: Record<string, unknown> = {},
  ): Promise<Outcome<T>> {
    if (this.down && Date.now() - this.lastProbe < this.policy.probeEveryMs) {
      const fault = new HubFault('refused', name, 'not attempted: the hub is down');
      this.log.write('skipped', { call: name, ...detail });
      this.countFailure(name);
      return { ok: false, fault };
    }
    if (this.down) this.lastProbe = Date.now();
    const attempts = this.down ? 1 : this.policy.attempts;
    let last: HubFault | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const started = performance.now();
      try {
        const value = await action();
        this.log.write('sent', {
          call: name,
          attempt,
          ms: round(performance.now() - started),
          ...detail,
        });
        this.recovered();
        return { ok: true, value };
      } catch (err) {
        last = asFault(err, name);
        this.faults.set(last.kind, (this.faults.get(last.kind) ?? 0) + 1);
        this.log.write('fault', {
          call: name,
          attempt,
          fault: last.kind,
          status: last.status ?? null,
          message: last.message,
          ms: round(performance.now() - started),
          ...detail,
        });
        if (!last.retryable || attempt === attempts) break;
        this.retries++;
        await sleep(this.policy.backoffMs * 2 ** (attempt - 1));
      }
    }
    // A refusal is the hub's answer, not the hub failing.
    if (last!.kind !== 'refused-request' && last!.kind !== 'too-large') this.countFailure(name);
    return { ok: false, fault: last! };
  }

  /**
   * Sends a batch of reads. A batch the hub finds too large is split in half and each half
   * sent on its own; reads of a call that fails for good count as failed.
   */
  async reads(batch: Wire.ReadBatch): Promise<ReadsOutcome> {
    const outcome: ReadsOutcome = {
      accepted: 0,
      rejected: [],
      failed: 0,
      acceptedAt: new Array<boolean>(batch.reads.length).fill(false),
    };
    await this.sendReads(batch, 0, outcome);
    return outcome;
  }

  /**
   * Sends hotlist changes in order, at most `HOTLIST_CHUNK` a call, halving a chunk the
   * hub finds too large. Returns how many changes the hub did not take.
   */
  async hotlist(changes: readonly Wire.HotlistChange[]): Promise<number> {
    let lost = 0;
    for (let from = 0; from < changes.length; from += HOTLIST_CHUNK) {
      lost += await this.sendChanges(changes.slice(from, from + HOTLIST_CHUNK));
    }
    return lost;
  }

  private async sendChanges(changes: readonly Wire.HotlistChange[]): Promise<number> {
    const detail = { changes: changes.length, first: changes[0]!.changeId };
    const result = await this.call(
      'hotlist',
      () => this.driver.hotlist({ changes: [...changes] }),
      detail,
    );
    if (result.ok) return 0;
    if (result.fault.kind !== 'too-large' || changes.length === 1) return changes.length;
    const half = Math.ceil(changes.length / 2);
    return (
      (await this.sendChanges(changes.slice(0, half))) +
      (await this.sendChanges(changes.slice(half)))
    );
  }

  /** Faults the driver saw outside a call, e.g. malformed pushes. */
  drainDriverFaults(): void {
    for (const fault of this.driver.faults?.() ?? []) {
      this.faults.set(fault.kind, (this.faults.get(fault.kind) ?? 0) + 1);
      this.log.write('fault', { call: fault.call, fault: fault.kind, message: fault.message });
    }
  }

  private async sendReads(
    batch: Wire.ReadBatch,
    offset: number,
    outcome: ReadsOutcome,
  ): Promise<void> {
    const reads = batch.reads;
    const detail = { reads: reads.length, first: reads[0]!.readId, last: reads.at(-1)!.readId };
    const result = await this.call(
      'reads',
      async () => checked(await this.driver.reads(batch), reads),
      detail,
    );
    if (result.ok) {
      const rejectedAt = new Set(result.value.rejected.map((r) => r.index));
      for (let i = 0; i < reads.length; i++) outcome.acceptedAt[offset + i] = !rejectedAt.has(i);
      outcome.accepted += reads.length - rejectedAt.size;
      for (const r of result.value.rejected)
        outcome.rejected.push({ ...r, index: offset + r.index });
      if (rejectedAt.size > 0)
        this.log.write('rejected', { call: 'reads', rejected: result.value.rejected });
      return;
    }
    if (result.fault.kind === 'too-large' && reads.length > 1) {
      const half = Math.ceil(reads.length / 2);
      await this.sendReads({ sentAt: batch.sentAt, reads: reads.slice(0, half) }, offset, outcome);
      await this.sendReads(
        { sentAt: batch.sentAt, reads: reads.slice(half) },
        offset + half,
        outcome,
      );
      return;
    }
    if (result.fault.kind === 'refused-request') {
      // The hub refused the batch as a whole: each read is rejected, with the hub's reason.
      reads.forEach((r, i) =>
        outcome.rejected.push({
          index: offset + i,
          readId: r.readId,
          problem: result.fault.message,
        }),
      );
      return;
    }
    outcome.failed += reads.length;
  }

  private countFailure(name: string): void {
    this.failedCalls.set(name, (this.failedCalls.get(name) ?? 0) + 1);
    if (++this.failuresInRow >= this.policy.downAfter && !this.down) {
      this.down = true;
      this.downSpells++;
      this.lastProbe = Date.now();
      this.log.write('hub-down', { failuresInRow: this.failuresInRow });
    }
  }

  private recovered(): void {
    if (this.down) this.log.write('hub-up', {});
    this.down = false;
    this.failuresInRow = 0;
  }
}

/** An answer whose counts do not add up is as bad as no answer. */
function checked(answer: Wire.ReadsAccepted, reads: readonly Wire.Read[]): Wire.ReadsAccepted {
  const indexes = new Set<number>();
  for (const r of answer.rejected) {
    if (
      !Number.isInteger(r.index) ||
      r.index < 0 ||
      r.index >= reads.length ||
      indexes.has(r.index)
    )
      throw new HubFault(
        'malformed',
        'reads',
        `rejection names read ${r.index}, not one of the batch`,
      );
    indexes.add(r.index);
  }
  if (answer.accepted + indexes.size !== reads.length) {
    throw new HubFault(
      'malformed',
      'reads',
      `the hub accounted for ${answer.accepted + indexes.size} of ${reads.length} reads`,
    );
  }
  return answer;
}

function asFault(err: unknown, call: string): HubFault {
  if (isHubFault(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new HubFault('malformed', call, `the driver failed: ${message}`, { cause: err });
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
