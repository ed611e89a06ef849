import { describe, expect, it } from 'vitest';
import { streamFor } from '../random.js';
import { mistypedChar, mistypedMark } from './keying.js';

const CHARACTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];

describe('keying errors', () => {
  it('change exactly one character of the mark', () => {
    const marks = ['YK71ABC', 'A123BCD', 'ABZ1234', 'K9', 'NX24WDF'];
    for (let i = 0; i < 2_000; i++) {
      const mark = marks[i % marks.length]!;
      const typed = mistypedMark(mark, streamFor(3, 'hotlist', i));
      expect(typed).toHaveLength(mark.length);
      expect([...typed].filter((c, at) => c !== mark[at])).toHaveLength(1);
    }
  });

  it('never type the character they replace', () => {
    for (const char of CHARACTERS) {
      for (let i = 0; i < 50; i++) {
        expect(mistypedChar(char, streamFor(3, 'hotlist', i))).not.toBe(char);
      }
    }
  });

  it('type a look-alike or a neighbouring key', () => {
    const typed = new Set(
      Array.from({ length: 400 }, (_, i) => mistypedChar('0', streamFor(4, 'hotlist', i))),
    );
    expect([...typed].sort()).toEqual(['9', 'D', 'O', 'Q']);
    const forB = new Set(
      Array.from({ length: 400 }, (_, i) => mistypedChar('B', streamFor(4, 'hotlist', i))),
    );
    expect([...forB].sort()).toEqual(['8', 'N', 'V']);
  });

  it('refuse an empty mark', () => {
    expect(() => mistypedMark('', streamFor(1, 'hotlist'))).toThrow(RangeError);
  });
});
