import { describe, expect, it } from 'vitest';
import { FaultLog } from './fault-log.js';
import { HubFault } from './faults.js';

describe('the fault log', () => {
  it('keeps faults up to its limit and sums up the rest by kind and call', () => {
    const log = new FaultLog(2);
    for (let i = 0; i < 5; i++) log.add(new HubFault('malformed', 'push', `bad event ${i}`));
    log.add(new HubFault('too-large', 'push', 'dropped'));

    const drained = log.drain();

    expect(drained.map((f) => [f.kind, f.message])).toEqual([
      ['malformed', 'bad event 0'],
      ['malformed', 'bad event 1'],
      [
        'malformed',
        'push: 3 further malformed faults not kept (at most 2 are held between drains)',
      ],
      [
        'too-large',
        'push: 1 further too-large faults not kept (at most 2 are held between drains)',
      ],
    ]);
    expect(log.drain()).toEqual([]);
  });
});
