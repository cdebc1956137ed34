import { PNG } from 'pngjs';

// A 3×5 pixel font for the digits, one string per row ('#' = ink): enough for labels and counts.
const GLYPHS: Record<string, string[]> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '###', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '.#.', '.#.', '.#.'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
};

type Rgb = readonly [number, number, number];

class Canvas {
  readonly png: PNG;
  constructor(width: number, height: number) {
    this.png = new PNG({ width, height });
    this.fill(0, 0, width, height, [255, 255, 255]);
  }

  fill(x0: number, y0: number, w: number, h: number, color: Rgb): void {
    for (let y = y0; y < y0 + h; y++) {
      for (let x = x0; x < x0 + w; x++) {
        const i = (y * this.png.width + x) * 4;
        this.png.data[i] = color[0];
        this.png.data[i + 1] = color[1];
        this.png.data[i + 2] = color[2];
        this.png.data[i + 3] = 255;
      }
    }
  }

  /** Writes digits centred on (cx, cy); characters without a glyph are skipped. */
  text(value: string, cx: number, cy: number, scale: number, color: Rgb): void {
    const chars = [...value].filter((c) => GLYPHS[c]);
    const width = chars.length * 4 * scale - scale;
    let x = Math.round(cx - width / 2);
    const y = Math.round(cy - (5 * scale) / 2);
    for (const c of chars) {
      GLYPHS[c].forEach((row, r) => {
        [...row].forEach((ink, k) => {
          if (ink === '#') this.fill(x + k * scale, y + r * scale, scale, scale, color);
        });
      });
      x += 4 * scale;
    }
  }
}

/**
 * A confusion matrix as a PNG: one row per spoken label (top to bottom), one column per recognized label (left
 * to right), each cell shaded by its share of the row and showing its count. Labels are drawn when they are
 * digits.
 */
export function confusionPng(matrix: readonly number[][], labels: readonly string[], cell = 36): Uint8Array {
  const n = labels.length;
  const margin = cell;
  const canvas = new Canvas(margin + n * cell + 4, margin + n * cell + 4);
  labels.forEach((label, i) => {
    canvas.text(label, margin + i * cell + cell / 2, margin / 2, 3, [0, 0, 0]);
    canvas.text(label, margin / 2, margin + i * cell + cell / 2, 3, [0, 0, 0]);
  });
  matrix.forEach((row, r) => {
    const total = row.reduce((s, v) => s + v, 0);
    row.forEach((count, c) => {
      const share = total ? count / total : 0;
      const shade: Rgb = [Math.round(255 - 225 * share), Math.round(255 - 170 * share), Math.round(255 - 75 * share)];
      const x = margin + c * cell;
      const y = margin + r * cell;
      canvas.fill(x, y, cell - 1, cell - 1, shade);
      if (count > 0) canvas.text(String(count), x + cell / 2, y + cell / 2, count > 99 ? 2 : 3, share > 0.5 ? [255, 255, 255] : [0, 0, 0]);
    });
  });
  return PNG.sync.write(canvas.png);
}
