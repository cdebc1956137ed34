import { PNG } from 'pngjs';
import { spectrogramPng, spectrogramSvg } from './spectrogram-image';

const pixel = (png: PNG, x: number, y: number) => Array.from(png.data.subarray(4 * (y * png.width + x), 4 * (y * png.width + x) + 3));

describe('spectrogram pictures', () => {
  // Two frames, three bands: frame 1 has a loud lowest band.
  const logMel = [Float32Array.from([-30, -30, -30]), Float32Array.from([0, -30, -30])];

  it('draws frames left to right with low bands at the bottom, loud bright and quiet dark', () => {
    const png = PNG.sync.read(Buffer.from(spectrogramPng(logMel, { pixelsPerFrame: 1, pixelsPerBand: 1, rangeDb: 60 })));
    expect([png.width, png.height]).toEqual([2, 3]);
    expect(pixel(png, 1, 2)).toEqual([253, 231, 37]);
    // −30 nats is far more than 60 dB below the peak, so it sits at the floor colour.
    expect(pixel(png, 0, 0)).toEqual([13, 8, 60]);
    expect(pixel(png, 1, 0)).toEqual([13, 8, 60]);
  });

  it('draws digital silence dark, not as its own peak', () => {
    const silence = [Float32Array.from([Math.log(Number.EPSILON), Math.log(Number.EPSILON)])];
    const png = PNG.sync.read(Buffer.from(spectrogramPng(silence, { pixelsPerFrame: 1, pixelsPerBand: 1 })));
    expect(pixel(png, 0, 0)).toEqual([13, 8, 60]);
  });

  it('writes the same picture as SVG rectangles, merging runs of one colour', () => {
    const svg = spectrogramSvg(logMel, { pixelsPerFrame: 1, pixelsPerBand: 1, rangeDb: 60 });
    expect(svg).toMatch(/^<svg[^>]+width="2" height="3"/);
    expect(svg).toContain('<rect x="1" y="2" width="1" height="1" fill="#fde725"/>');
    expect(svg).toContain('<rect x="0" y="0" width="2" height="1" fill="#0d083c"/>');
  });
});
