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
    const queue = new TimeQueue<Item>((item) => item.id);
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
        queue.push(item, atMs);
      }
      nowMs += random.int(3000);
      const drained: Item[] = [];
      queue.drainBefore(nowMs, drained);
      expect(drained).toEqual(waiting.filter((i) => i.atMs < nowMs).sort(byTimeThenId));
      waiting = waiting.filter((i) => i.atMs >= nowMs);
    }
    const rest: Item[] = [];
    queue.drainBefore(Infinity, rest);
    expect(rest).toEqual(waiting.sort(byTimeThenId));
  });

  it('hands out records pushed before the first drain in order', () => {
    const queue = new TimeQueue<Item>((item) => item.id);
    const items = [
      { id: 'b', atMs: 5_000 },
      { id: 'a', atMs: 5_000 },
      { id: 'c', atMs: 10 },
      { id: 'd', atMs: 9e12 },
    ];
    for (const item of items) queue.push(item, item.atMs);
    const out: Item[] = [];
    queue.drainBefore(5_001, out);
    expect(out.map((i) => i.id)).toEqual(['c', 'a', 'b']);
    queue.drainBefore(Infinity, out);
    expect(out.map((i) => i.id)).toEqual(['c', 'a', 'b', 'd']);
  });
});
