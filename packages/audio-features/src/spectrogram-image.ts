import { PNG } from 'pngjs';

/** Options for {@link spectrogramPng} and {@link spectrogramSvg}. */
export interface SpectrogramImageOptions {
  /** Horizontal pixels per frame. Default 2. */
  pixelsPerFrame?: number;
  /** Vertical pixels per mel band. Default 4. */
  pixelsPerBand?: number;
  /** Dynamic range shown, in dB below the loudest cell; quieter cells are drawn as the floor colour. Default 80. */
  rangeDb?: number;
}

/** Dark blue → teal → green → yellow, a perceptually ordered ramp (anchor colours, interpolated linearly). */
const RAMP: [number, number, number][] = [
  [13, 8, 60],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

function colour(level: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, level)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const f = x - i;
  return [0, 1, 2].map((c) => Math.round(RAMP[i][c] + f * (RAMP[i + 1][c] - RAMP[i][c]))) as [number, number, number];
}

/** Log energies (natural log) to levels in [0, 1] over the top `rangeDb` decibels. */
function levels(logMel: ArrayLike<number>[], rangeDb: number): number[][] {
  let top = -Infinity;
  for (const frame of logMel) for (let i = 0; i < frame.length; i++) top = Math.max(top, frame[i]);
  const span = (rangeDb / 10) * Math.LN10;
  // Keep the reference above the log floor of digital silence, so silence draws dark rather than as the peak.
  top = Math.max(top, Math.log(Number.EPSILON) + span);
  return logMel.map((frame) => Array.from(frame, (v) => (v - (top - span)) / span));
}

function geometry(logMel: ArrayLike<number>[], options: SpectrogramImageOptions) {
  const px = Math.max(1, Math.round(options.pixelsPerFrame ?? 2));
  const py = Math.max(1, Math.round(options.pixelsPerBand ?? 4));
  const bands = logMel.length ? logMel[0].length : 0;
  return { px, py, bands, width: Math.max(1, logMel.length * px), height: Math.max(1, bands * py) };
}

/** A PNG picture of log-mel energies (frames left to right, low bands at the bottom). */
export function spectrogramPng(logMel: ArrayLike<number>[], options: SpectrogramImageOptions = {}): Uint8Array {
  const { px, py, bands, width, height } = geometry(logMel, options);
  const png = new PNG({ width, height });
  const lv = levels(logMel, options.rangeDb ?? 80);
  for (let t = 0; t < lv.length; t++) {
    for (let b = 0; b < bands; b++) {
      const [r, g, bl] = colour(lv[t][b]);
      for (let y = (bands - 1 - b) * py; y < (bands - b) * py; y++) {
        for (let x = t * px; x < (t + 1) * px; x++) {
          const at = 4 * (y * width + x);
          png.data[at] = r;
          png.data[at + 1] = g;
          png.data[at + 2] = bl;
          png.data[at + 3] = 255;
        }
      }
    }
  }
  return PNG.sync.write(png);
}

/**
 * An SVG picture of log-mel energies, same layout as {@link spectrogramPng}. Colours are quantised to 64 steps
 * and runs of equal colour within a band are merged into one rectangle, which keeps the file small.
 */
export function spectrogramSvg(logMel: ArrayLike<number>[], options: SpectrogramImageOptions = {}): string {
  const { px, py, bands, width, height } = geometry(logMel, options);
  const lv = levels(logMel, options.rangeDb ?? 80);
  const hex = (level: number) => `#${colour(Math.round(level * 63) / 63).map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  const rects: string[] = [];
  for (let b = 0; b < bands; b++) {
    const y = (bands - 1 - b) * py;
    let t = 0;
    while (t < lv.length) {
      const fill = hex(Math.min(1, Math.max(0, lv[t][b])));
      let end = t + 1;
      while (end < lv.length && hex(Math.min(1, Math.max(0, lv[end][b]))) === fill) end++;
      rects.push(`<rect x="${t * px}" y="${y}" width="${(end - t) * px}" height="${py}" fill="${fill}"/>`);
      t = end;
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `shape-rendering="crispEdges">\n<rect width="${width}" height="${height}" fill="${hex(0)}"/>\n${rects.join('\n')}\n</svg>\n`
  );
}
