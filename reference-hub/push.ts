import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import { Client } from 'undici';
import type { EventPush, HubEvent } from '../harness/hub-api/protocol.js';

export interface PushOptions {
  /** Attempts per post before its events are given up, at least 1. */
  attempts?: number;
  /** Wait before the second attempt; doubled for each one after. */
  backoffMs?: number;
  /** Longest wait for the callback to answer one post. */
  timeoutMs?: number;
  /** Most events in one post. */
  maxEventsPerPost?: number;
}

export interface PushStats {
  posted: number;
  /** Attempts that failed (no answer, or an answer other than 2xx). */
  failures: number;
  /** Events given up after every attempt failed. */
  dropped: number;
}

const DEFAULTS: Required<PushOptions> = {
  attempts: 4,
  backoffMs: 50,
  timeoutMs: 5_000,
  maxEventsPerPost: 1_000,
};

/**
 * Posts a push session's events to its callback, in order, one post at a time over
 * one keep-alive connection. Events raised while a post is out go together in the
 * next. A failed post is tried again after a short backoff; when every attempt fails
 * the events are given up (they stay available by polling) and counted, and delivery
 * carries on.
 */
export class EventPusher {
  readonly stats: PushStats = { posted: 0, failures: 0, dropped: 0 };
  private readonly client: Client;
  private readonly path: string;
  private readonly options: Required<PushOptions>;
  private readonly abort = new AbortController();
  private queue: HubEvent[] = [];
  private pumping: Promise<void> | null = null;

  constructor(
    private readonly sessionId: string,
    callbackUrl: string,
    private readonly token: string | undefined,
    private readonly log: FastifyBaseLogger,
    options: PushOptions = {},
  ) {
    const url = new URL(callbackUrl);
    this.options = { ...DEFAULTS, ...options };
    this.path = `${url.pathname}${url.search}`;
    this.client = new Client(url.origin, {
      keepAliveTimeout: 30_000,
      headersTimeout: this.options.timeoutMs,
      bodyTimeout: this.options.timeoutMs,
      connect: { timeout: this.options.timeoutMs },
    });
  }

  /** Queues events and starts posting them if no post is out. */
  send(events: readonly HubEvent[]): void {
    if (events.length === 0 || this.abort.signal.aborted) return;
    for (const event of events) this.queue.push(event);
    this.pumping ??= this.pump();
  }

  /** Resolves once every event queued so far has been answered or given up. */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  /** Stops posting, dropping what is queued, and closes the connection. */
  async close(): Promise<void> {
    this.abort.abort();
    this.queue = [];
    await this.pumping;
    await this.client.destroy();
  }

  private async pump(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.abort.signal.aborted) {
        const events = this.queue.splice(0, this.options.maxEventsPerPost);
        const body = JSON.stringify({ sessionId: this.sessionId, events } satisfies EventPush);
        if (await this.post(body)) this.stats.posted += events.length;
        else if (!this.abort.signal.aborted) this.giveUp(events.length);
      }
    } finally {
      // Cleared in the same turn as the last look at the queue, so no event is
      // stranded.
      this.pumping = null;
    }
  }

  /** One post with its retries; true when the callback took it. */
  private async post(body: string): Promise<boolean> {
    for (let attempt = 0; attempt < this.options.attempts; attempt++) {
      if (attempt > 0 && !(await this.backoff(attempt))) return false;
      const problem = await this.attempt(body);
      if (problem === null) return true;
      this.stats.failures++;
      this.log.debug({ sessionId: this.sessionId, attempt, problem }, 'push attempt failed');
    }
    return false;
  }

  private async attempt(body: string): Promise<string | null> {
    try {
      const answer = await this.client.request({
        method: 'POST',
        path: this.path,
        headers: {
          'content-type': 'application/json',
          ...(this.token === undefined ? {} : { authorization: `Bearer ${this.token}` }),
        },
        body,
        signal: this.abort.signal,
      });
      await answer.body.dump();
      const ok = answer.statusCode >= 200 && answer.statusCode < 300;
      return ok ? null : `answered ${answer.statusCode}`;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }

  /** Waits before a retry; false when the pusher was closed meanwhile. */
  private async backoff(attempt: number): Promise<boolean> {
    try {
      await sleep(this.options.backoffMs * 2 ** (attempt - 1), undefined, {
        signal: this.abort.signal,
      });
      return true;
    } catch {
      return false;
    }
  }

  private giveUp(count: number): void {
    this.stats.dropped += count;
    this.log.warn(
      { sessionId: this.sessionId, events: count, ...this.stats },
      'callback did not take events after every attempt; they remain available by polling',
    );
  }
}
