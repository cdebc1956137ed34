import type { Split } from './types';

/**
 * 32-bit FNV-1a over the UTF-16 code units of `key`, followed by an avalanche step so that keys differing in one
 * character land in unrelated buckets. Stable across platforms and releases: splits depend on it.
 */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The split a key belongs to: bucket `hashKey(key) % 100` below 80 is train, below 90 validation, else test. */
export function splitOfKey(key: string): Split {
  const bucket = hashKey(key) % 100;
  if (bucket < 80) return 'train';
  return bucket < 90 ? 'validation' : 'test';
}
