import { Seq2SeqError } from './seq2seq-error';

/** Options of {@link attentionSvg}. */
export interface AttentionSvgOptions {
  /** Side of one cell in pixels. Default 22. */
  readonly cellSize?: number;
  /** A caption above the map (e.g. the input and output). */
  readonly title?: string;
}

const FONT = 12;
const CHAR_WIDTH = 7.5; // a 12 px monospace glyph is about 0.6 em wide
const MARGIN = 8;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** Spaces become a visible ␣ so that a column for a space can be told apart from an empty label. */
function visible(label: string): string {
  return label === ' ' ? '␣' : label;
}

/** White at weight 0 to dark blue at weight 1. */
function colour(weight: number): string {
  const w = Math.min(1, Math.max(0, weight));
  const channel = (from: number, to: number) => Math.round(from + (to - from) * w);
  return `rgb(${channel(255, 8)},${channel(255, 48)},${channel(255, 107)})`;
}

/**
 * An attention heat map as a standalone SVG document: one row per output symbol (labelled on the left), one
 * column per input symbol (labelled on top, rotated), each cell shaded by its weight from white (0) to dark blue
 * (1) with the exact value as a tooltip. `weights[i][j]` is the attention of output symbol i on input symbol j.
 */
export function attentionSvg(
  weights: readonly ArrayLike<number>[],
  inputLabels: readonly string[],
  outputLabels: readonly string[],
  options: AttentionSvgOptions = {},
): string {
  if (weights.length !== outputLabels.length) {
    throw new Seq2SeqError('BAD_INPUT', `attention map: ${weights.length} weight rows for ${outputLabels.length} output labels`);
  }
  weights.forEach((row, i) => {
    if (row.length !== inputLabels.length) {
      throw new Seq2SeqError('BAD_INPUT', `attention map: row ${i} has ${row.length} weights for ${inputLabels.length} input labels`);
    }
  });
  const cell = options.cellSize ?? 22;
  const longest = (labels: readonly string[]) => Math.max(1, ...labels.map((l) => Array.from(visible(l)).length));
  const titleHeight = options.title ? FONT + MARGIN : 0;
  const left = MARGIN + longest(outputLabels) * CHAR_WIDTH + MARGIN;
  // Column labels are rotated −60°, so they rise by sin 60° of their length.
  const top = MARGIN + titleHeight + longest(inputLabels) * CHAR_WIDTH * 0.87 + FONT;
  const titleWidth = options.title ? 2 * MARGIN + Array.from(options.title).length * CHAR_WIDTH : 0;
  const width = Math.ceil(Math.max(left + inputLabels.length * cell + MARGIN + FONT, titleWidth));
  const height = Math.ceil(top + outputLabels.length * cell + MARGIN);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="monospace" font-size="${FONT}">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
  ];
  if (options.title) parts.push(`<text x="${MARGIN}" y="${MARGIN + FONT}">${escapeXml(options.title)}</text>`);
  inputLabels.forEach((label, j) => {
    // Rotated text rises to the right of its anchor: start a little left of the column centre.
    const x = left + (j + 0.5) * cell - FONT / 4;
    parts.push(`<text class="input" transform="translate(${x.toFixed(1)},${(top - 4).toFixed(1)}) rotate(-60)">${escapeXml(visible(label))}</text>`);
  });
  outputLabels.forEach((label, i) => {
    const y = top + (i + 0.5) * cell + FONT / 3;
    parts.push(`<text class="output" x="${(left - MARGIN).toFixed(1)}" y="${y.toFixed(1)}" text-anchor="end">${escapeXml(visible(label))}</text>`);
    for (let j = 0; j < inputLabels.length; j++) {
      const w = weights[i][j];
      const x = (left + j * cell).toFixed(1);
      const yy = (top + i * cell).toFixed(1);
      parts.push(
        `<rect class="cell" x="${x}" y="${yy}" width="${cell}" height="${cell}" fill="${colour(w)}" data-weight="${w.toFixed(4)}">` +
          `<title>${escapeXml(`${visible(label)} ← ${visible(inputLabels[j])}: ${w.toFixed(3)}`)}</title></rect>`,
      );
    }
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
