import { CharLmError } from './errors';
import { createRng } from '@rnnkit/common';
import { StopSequences } from './stop-sequences';

/** Feeds `chunks` and returns everything shown (including the final flush) and whether it stopped. */
function stream(stops: string[], chunks: string[]): { shown: string; stopped: boolean; matched?: string } {
  const detector = new StopSequences(stops);
  let shown = '';
  for (const chunk of chunks) {
    const { text, stopped } = detector.push(chunk);
    shown += text;
    if (stopped) return { shown, stopped, matched: detector.matched };
  }
  return { shown: shown + detector.flush(), stopped: false };
}

describe('StopSequences', () => {
  it('detects a stop string split across chunks and hides it', () => {
    expect(stream(['END'], ['hello E', 'N', 'D and more'])).toEqual({ shown: 'hello ', stopped: true, matched: 'END' });
  });

  it('holds back a possible start of a stop string only until it is ruled out', () => {
    const detector = new StopSequences(['END']);
    expect(detector.push('hello E')).toEqual({ text: 'hello ', stopped: false });
    expect(detector.push('Nx')).toEqual({ text: 'ENx', stopped: false });
    expect(detector.push('EN')).toEqual({ text: '', stopped: false });
    expect(detector.flush()).toBe('EN');
  });

  it('stops where the first stop string is completed, preferring the longer one when two end together', () => {
    expect(stream(['cd', 'abc'], ['xxabcd'])).toEqual({ shown: 'xx', stopped: true, matched: 'abc' });
    expect(stream(['abcc', 'b'], ['xabccb'])).toEqual({ shown: 'xa', stopped: true, matched: 'b' });
    expect(stream(['bc', 'abc'], ['xxabc'])).toEqual({ shown: 'xx', stopped: true, matched: 'abc' });
    const paragraph = stream(['\n\n', '.'], ['One line\n', '\nTwo.']);
    expect(paragraph).toEqual({ shown: 'One line', stopped: true, matched: '\n\n' });
  });

  it('returns nothing more after stopping', () => {
    const detector = new StopSequences(['!']);
    expect(detector.push('hi! there')).toEqual({ text: 'hi', stopped: true });
    expect(detector.push('more')).toEqual({ text: '', stopped: true });
  });

  it('passes text straight through when there is no stop string', () => {
    const detector = new StopSequences([]);
    expect(detector.push('abc')).toEqual({ text: 'abc', stopped: false });
  });

  it('matches a character-by-character reference for random texts, stops and chunkings, holding back little', () => {
    const rng = createRng(11);
    const pick = (n: number) => rng.int(n);
    const word = (n: number) => Array.from({ length: n }, () => 'abc'[pick(3)]).join('');
    for (let trial = 0; trial < 500; trial++) {
      const text = word(pick(30));
      const stops = Array.from({ length: 1 + pick(3) }, () => word(1 + pick(4)));
      // Reference: grow the text one character at a time; at the first length where some stop is a suffix,
      // cut off the longest such stop.
      let firstAt = Infinity;
      for (let end = 1; end <= text.length && firstAt === Infinity; end++) {
        const ending = stops.filter((s) => text.slice(0, end).endsWith(s));
        if (ending.length > 0) firstAt = end - Math.max(...ending.map((s) => s.length));
      }
      const chunks: string[] = [];
      for (let i = 0; i < text.length; ) {
        const n = pick(5); // empty chunks included
        chunks.push(text.slice(i, i + n));
        i += n;
      }
      const detector = new StopSequences(stops);
      const longest = Math.max(...stops.map((s) => s.length));
      let shown = '';
      let fed = 0;
      let stopped = false;
      for (const chunk of chunks) {
        fed += chunk.length;
        const result = detector.push(chunk);
        shown += result.text;
        stopped = result.stopped;
        if (stopped) break;
        expect(fed - shown.length).toBeLessThanOrEqual(longest - 1);
      }
      if (!stopped) shown += detector.flush();
      expect(stopped).toBe(firstAt !== Infinity);
      expect(shown).toBe(firstAt === Infinity ? text : text.slice(0, firstAt));
    }
  });

  it('rejects an empty stop string', () => {
    expect(() => new StopSequences(['ok', ''])).toThrow(CharLmError);
    expect(() => new StopSequences(['ok', ''])).toThrow(/stop string 1 is empty/);
  });
});
