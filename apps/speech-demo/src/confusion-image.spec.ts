import { PNG } from 'pngjs';
import { confusionPng } from './confusion-image';

function pixel(png: PNG, x: number, y: number): number[] {
  const i = (y * png.width + x) * 4;
  return Array.from(png.data.subarray(i, i + 4));
}

describe('confusionPng', () => {
  it('draws one shaded cell per count: darker for a larger share of the row', () => {
    const matrix = [
      [9, 1, 0],
      [0, 10, 0],
      [5, 0, 5],
    ];
    const png = PNG.sync.read(Buffer.from(confusionPng(matrix, ['0', '1', '2'], 36)));
    expect([png.width, png.height]).toEqual([36 + 3 * 36 + 4, 36 + 3 * 36 + 4]);
    // Top-left corner of each cell (away from the centred count).
    const corner = (r: number, c: number): number[] => pixel(png, 36 + c * 36 + 2, 36 + r * 36 + 2);
    const full = corner(1, 1);
    const most = corner(0, 0);
    const little = corner(0, 1);
    const none = corner(0, 2);
    expect(none).toEqual([255, 255, 255, 255]);
    // Share 1 → (30, 85, 180); share 0.9 and 0.1 in between, ordered by share.
    expect(full).toEqual([30, 85, 180, 255]);
    expect(most[0]).toBeGreaterThan(full[0]);
    expect(little[0]).toBeGreaterThan(most[0]);
    expect(little[0]).toBeLessThan(255);
    expect(corner(2, 0)).toEqual(corner(2, 2));
  });

  it('writes the counts and labels in ink', () => {
    const png = PNG.sync.read(Buffer.from(confusionPng([[7]], ['3'], 36)));
    let dark = 0;
    for (let y = 0; y < 36; y++) for (let x = 36; x < 72; x++) if (pixel(png, x, y)[0] === 0) dark++;
    // The label "3" at scale 3: 11 ink pixels of the 3×5 glyph, 9 screen pixels each.
    expect(dark).toBe(11 * 9);
  });
});
