import { BpeSegmenter, WORD_START, joinPieces, learnBpe } from './bpe';

const W = WORD_START;

describe('learnBpe', () => {
  it('merges the most frequent pair first, recounting only the words a merge touched', () => {
    // Words: "low" ×2, "lower" ×1, "newest" ×3. As symbols: ▁ l o w | ▁ l o w e r | ▁ n e w e s t.
    // Pair counts: (▁,l) 3, (l,o) 3, (o,w) 3, (w,e) 4 (lower 1 + newest 3), (e,r) 1, (▁,n) 3, (n,e) 3, (e,w) 3,
    // (e,s) 3, (s,t) 3. First merge (w,e) with 4. Then "newest" is ▁ n e we s t: (e,we) 3, (we,s) 3 and
    // "lower" is ▁ l o we r: (o,we) 1, (we,r) 1; (o,w) drops to 2 (only "low"). The largest count is 3, shared by
    // (▁,l), (l,o), (▁,n), (n,e), (e,we), (we,s), (s,t); ties go to the smallest key, and ▁ (U+2581) sorts after
    // ASCII letters, so (e,we) is next.
    const bpe = learnBpe(['low low lower', 'newest newest newest'], { size: 100 });
    expect(bpe.merges.slice(0, 2)).toEqual([
      ['w', 'e'],
      ['e', 'we'],
    ]);
    expect(bpe.alphabet).toEqual(['e', 'l', 'n', 'o', 'r', 's', 't', 'w', W].sort());
  });

  it('stops at the requested size, or when no pair occurs twice', () => {
    expect(learnBpe(['abc abc abc'], { size: 5 }).merges).toHaveLength(1); // alphabet ▁ a b c = 4, plus 1 merge
    // Every pair of "abc abc abc" occurs 3 times until the word is one piece: ▁a, ▁ab, ▁abc (3 merges).
    expect(learnBpe(['abc abc abc'], { size: 100 }).merges).toHaveLength(3);
    expect(learnBpe(['xyz'], { size: 100 }).merges).toHaveLength(0);
  });

  it('learns the same merges as a naive learner that recounts every pair after each merge', () => {
    // Brute-force reference: full recount each round, same tie rule (highest count, then smallest key).
    function naive(texts: string[], size: number): [string, string][] {
      const freq = new Map<string, number>();
      for (const t of texts) for (const w of t.split(/\s+/u).filter(Boolean)) freq.set(w, (freq.get(w) ?? 0) + 1);
      let words = [...freq].map(([w, c]) => ({ s: [W, ...Array.from(w)], c }));
      const alphabet = new Set(words.flatMap((w) => w.s));
      const merges: [string, string][] = [];
      while (alphabet.size + merges.length < size) {
        const counts = new Map<string, number>();
        for (const w of words) for (let i = 0; i + 1 < w.s.length; i++) {
          const k = `${w.s[i]}\u0000${w.s[i + 1]}`;
          counts.set(k, (counts.get(k) ?? 0) + w.c);
        }
        const best = [...counts].filter(([, c]) => c >= 2).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
        if (!best) break;
        const [a, b] = best[0].split('\u0000');
        merges.push([a, b]);
        words = words.map((w) => {
          const s: string[] = [];
          for (let i = 0; i < w.s.length; i++) {
            if (i + 1 < w.s.length && w.s[i] === a && w.s[i + 1] === b) s.push(a + b), i++;
            else s.push(w.s[i]);
          }
          return { s, c: w.c };
        });
      }
      return merges;
    }
    // Seeded random "words" over a small alphabet, with repeats (aaaa-like runs test overlapping pairs).
    let state = 12345;
    const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const texts = Array.from({ length: 60 }, () =>
      Array.from({ length: 1 + Math.floor(next() * 6) }, () =>
        Array.from({ length: 1 + Math.floor(next() * 7) }, () => 'aabcd'[Math.floor(next() * 5)]).join(''),
      ).join(' '),
    );
    expect(learnBpe(texts, { size: 60 }).merges).toEqual(naive(texts, 60));
  });

  it('is deterministic whatever the order of the texts', () => {
    const texts = ['the cat sat', 'on the mat', 'the hat', 'a cat and a hat'];
    expect(learnBpe([...texts].reverse(), { size: 30 })).toEqual(learnBpe(texts, { size: 30 }));
  });
});

describe('BpeSegmenter', () => {
  it('applies merges by rank and joins back to the text', () => {
    const bpe = learnBpe(['low low lower', 'newest newest newest'], { size: 100 });
    const seg = new BpeSegmenter(bpe);
    expect(seg.segment('newest')).toEqual([`${W}newest`]);
    expect(joinPieces(seg.segment('  lower  newest low '))).toBe('lower newest low');
  });

  it('spells an unseen word with known pieces and leaves unknown characters as single pieces', () => {
    const seg = new BpeSegmenter(learnBpe(['low low lower', 'newest newest newest'], { size: 100 }));
    const pieces = seg.segment("slower✓");
    expect(pieces.join('')).toBe(`${W}slower✓`);
    expect(pieces).toContain('✓');
    expect(joinPieces(pieces)).toBe('slower✓');
  });

  it('segments an empty or blank text to nothing', () => {
    const seg = new BpeSegmenter(learnBpe(['a b'], { size: 10 }));
    expect(seg.segment('')).toEqual([]);
    expect(seg.segment(' \t ')).toEqual([]);
  });
});
