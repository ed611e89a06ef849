import { performance } from 'node:perf_hooks';

/**
 * Pause, resume and stop for a run in progress, for trainers running an exercise in real
 * time. Time spent paused does not count: the simulated clock picks up where it stopped.
 */
export class RunControl {
  private pausedAt: number | null = null;
  private pausedTotal = 0;
  private stopRequested = false;

  get paused(): boolean {
    return this.pausedAt !== null;
  }

  get stopped(): boolean {
    return this.stopRequested;
  }

  /** Wall-clock milliseconds spent paused so far, the current pause included. */
  get pausedMs(): number {
    return this.pausedTotal + (this.pausedAt === null ? 0 : performance.now() - this.pausedAt);
  }

  pause(): void {
    this.pausedAt ??= performance.now();
  }

  resume(): void {
    if (this.pausedAt === null) return;
    this.pausedTotal += performance.now() - this.pausedAt;
    this.pausedAt = null;
  }

  /** Ends the run at the next step; what was gathered so far is still scored. */
  stop(): void {
    this.stopRequested = true;
    this.resume();
  }
}
