import { describe, expect, it } from 'vitest';
import { Random } from '../random.js';
import { TimeQueue } from './queue.js';

interface Item {
  id: string;
  atMs: number;
}

function byTimeThenId(a: Item, b: Item): number {
  return a.atMs - b.atMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

describe('time queue', () => {
  it('drains what is due in time then id order, however far ahead records were pushed', () => {
    const random = new Random(3);
    const all: Item[] = [];
    const queue = new TimeQueue((i) => all[i]!.id);
    const itemsOf = (slots: number[]) => slots.map((i) => all[i]!);
    let waiting: Item[] = [];
    let nowMs = 1_794_500_000_000;
    for (let step = 0; step < 3000; step++) {
      for (let k = random.int(4); k > 0; k--) {
        // Mostly seconds to hours ahead, some days ahead, some a little behind the time
        // drained to, and some in the same millisecond as others.
        const aheadMs = [random.int(3000), random.int(7_200_000), random.int(4e8)][random.int(3)]!;
        const last = waiting[waiting.length - 1];
        const atMs =
          last && random.chance(0.1)
            ? last.atMs
            : nowMs + aheadMs - (random.chance(0.05) ? 500 : 0);
        const item = { id: `i${random.int(50)}-${step}-${k}`, atMs };
        waiting.push(item);
        queue.push(all.push(item) - 1, atMs);
      }
      nowMs += random.int(3000);
      const drained: number[] = [];
      queue.drainBefore(nowMs, drained);
      expect(itemsOf(drained)).toEqual(waiting.filter((i) => i.atMs < nowMs).sort(byTimeThenId));
      waiting = waiting.filter((i) => i.atMs >= nowMs);
    }
    const rest: number[] = [];
    queue.drainBefore(Infinity, rest);
    expect(itemsOf(rest)).toEqual(waiting.sort(byTimeThenId));
  });

  it('hands out records pushed before the first drain in order', () => {
    const items = [
      { id: 'b', atMs: 5_000 },
      { id: 'a', atMs: 5_000 },
      { id: 'c', atMs: 10 },
      { id: 'd', atMs: 9e12 },
    ];
    const queue = new TimeQueue((i) => items[i]!.id);
    items.forEach((item, i) => queue.push(i, item.atMs));
    const out: number[] = [];
    queue.drainBefore(5_001, out);
    expect(out.map((i) => items[i]!.id)).toEqual(['c', 'a', 'b']);
    queue.drainBefore(Infinity, out);
    expect(out.map((i) => items[i]!.id)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('keeps bursts of thousands in one second and gives their storage back when drained', () => {
    const random = new Random(11);
    const startMs = 1_794_500_000_000;
    const ids: string[] = [];
    const times: number[] = [];
    const queue = new TimeQueue((i) => ids[i]!);
    queue.drainBefore(startMs, []);
    // Several rounds, each filling far more storage than the queue starts with: a burst in
    // one second and a spread over an hour. Each round reuses what the last gave back.
    for (let round = 0; round < 3; round++) {
      const roundStart = startMs + round * 4_000_000;
      for (let n = 0; n < 40_000; n++) {
        const atMs =
          n % 2 ? roundStart + 1_000 + random.int(1000) : roundStart + random.int(3_600_000);
        ids.push(`r${round}-${String(random.int(1e6)).padStart(6, '0')}-${n}`);
        times.push(atMs);
        queue.push(ids.length - 1, atMs);
      }
      const out: number[] = [];
      queue.drainBefore(roundStart + 4_000_000, out);
      const pushed = Array.from({ length: 40_000 }, (_, k) => round * 40_000 + k);
      expect(out).toEqual(
        pushed.sort((a, b) => times[a]! - times[b]! || (ids[a]! < ids[b]! ? -1 : 1)),
      );
    }
  });
});
