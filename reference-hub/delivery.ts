import type { FastifyBaseLogger } from 'fastify';
import type { ReferenceHub } from './hub.js';
import { EventPusher, type PushOptions, type PushStats } from './push.js';

/**
 * Push delivery for the server's sessions: one pusher per session that asked for
 * push. Pull sessions keep their events in the hub until polled.
 */
export class PushDelivery {
  private readonly pushers = new Map<string, EventPusher>();

  constructor(
    private readonly hub: ReferenceHub,
    private readonly log: FastifyBaseLogger,
    private readonly options: PushOptions = {},
  ) {}

  /** Starts pushing for a session if it asked for push delivery. */
  open(sessionId: string): void {
    const start = this.hub.sessionStart(sessionId);
    if (start.delivery !== 'push' || !start.callbackUrl) return;
    const pusher = new EventPusher(
      sessionId,
      start.callbackUrl,
      start.callbackToken,
      this.log,
      this.options,
    );
    this.pushers.set(sessionId, pusher);
  }

  /** Sends the session's new events on their way, without waiting for them. */
  flush(sessionId: string): void {
    this.pushers.get(sessionId)?.send(this.hub.takeEvents(sessionId));
  }

  /**
   * Sends the session's new events and waits until the callback has answered for
   * all.
   */
  async settle(sessionId: string): Promise<void> {
    this.flush(sessionId);
    await this.pushers.get(sessionId)?.idle();
  }

  stats(sessionId: string): PushStats | undefined {
    return this.pushers.get(sessionId)?.stats;
  }

  async close(sessionId: string): Promise<void> {
    const pusher = this.pushers.get(sessionId);
    this.pushers.delete(sessionId);
    await pusher?.close();
  }

  async closeAll(): Promise<void> {
    const pushers = [...this.pushers.values()];
    this.pushers.clear();
    await Promise.all(pushers.map((p) => p.close()));
  }
}
