import { createHash } from 'node:crypto';
import { createRng } from '@rnnkit/common';
import { sha256Hex } from './sha256';

describe('sha256Hex', () => {
  it('matches node:crypto on lengths around every padding boundary and on a large buffer', () => {
    const random = createRng(11);
    for (const n of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 1000, 1_000_003]) {
      const bytes = Uint8Array.from({ length: n }, () => random.int(256));
      expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('reads only its view of a shared buffer', () => {
    const whole = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    const view = whole.subarray(7, 207);
    expect(sha256Hex(view)).toBe(createHash('sha256').update(view).digest('hex'));
  });

  it('gives the published digest of "abc" (FIPS 180-4 example)', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
