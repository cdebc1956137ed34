import { hashKey, splitOfKey } from './hash-split';

/**
 * Independent re-statement of the documented hash with BigInt arithmetic (no Math.imul, no >>> tricks):
 * FNV-1a 32-bit over UTF-16 code units, then the murmur3 32-bit finaliser.
 */
function referenceHash(key: string): number {
  const M = 2n ** 32n;
  let h = 2166136261n;
  for (let i = 0; i < key.length; i++) h = ((h ^ BigInt(key.charCodeAt(i))) * 16777619n) % M;
  h ^= h >> 16n;
  h = (h * 0x85ebca6bn) % M;
  h ^= h >> 13n;
  h = (h * 0xc2b2ae35n) % M;
  h ^= h >> 16n;
  return Number(h);
}

describe('hashKey', () => {
  it('matches a BigInt re-statement of FNV-1a + murmur finaliser on varied keys', () => {
    const keys = ['', 'a', '2026-11-27', '999999', 'adjective-noun:red+apple', 'maçã', '\u{1F600}', 'x'.repeat(300)];
    for (const key of keys) expect(hashKey(key)).toBe(referenceHash(key));
  });
});

describe('splitOfKey', () => {
  it('is about 80/10/10 over many keys (binomial sd at n=20000 is under 0.3 points)', () => {
    const counts = { train: 0, validation: 0, test: 0 };
    for (let i = 0; i < 20000; i++) counts[splitOfKey(`key-${i}`)]++;
    expect(counts.train / 20000).toBeGreaterThan(0.78);
    expect(counts.train / 20000).toBeLessThan(0.82);
    expect(counts.validation / 20000).toBeGreaterThan(0.09);
    expect(counts.validation / 20000).toBeLessThan(0.11);
    expect(counts.test / 20000).toBeGreaterThan(0.09);
    expect(counts.test / 20000).toBeLessThan(0.11);
  });

  it('follows the documented bucket rule', () => {
    for (let i = 0; i < 2000; i++) {
      const key = String(i);
      const bucket = referenceHash(key) % 100;
      expect(splitOfKey(key)).toBe(bucket < 80 ? 'train' : bucket < 90 ? 'validation' : 'test');
    }
  });
});
