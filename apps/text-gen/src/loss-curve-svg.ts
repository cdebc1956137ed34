import type { LossPoint } from '@rnnkit/char-lm';

/** The curves of one training run: training and validation loss (nats/char) over training characters. */
export interface LossCurves {
  train: readonly LossPoint[];
  validation: readonly LossPoint[];
}

const WIDTH = 720;
const HEIGHT = 420;
const MARGIN = { left: 70, right: 24, top: 44, bottom: 58 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
const COLORS = { train: '#1f77b4', validation: '#d62728' };

/** Tick values for [lo, hi]: multiples of 1, 2 or 5 × 10^k, about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) as number;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function formatChars(chars: number): string {
  if (chars >= 1e6) return `${Number((chars / 1e6).toPrecision(3))}M`;
  if (chars >= 1e3) return `${Number((chars / 1e3).toPrecision(3))}k`;
  return String(chars);
}

/**
 * A self-contained SVG picture of a run's loss curves: training loss (mean of recent updates) as a line and
 * validation loss as a line with dots, in nats per character, against training characters seen. `title` goes
 * above the plot.
 */
export function lossCurveSvg(curves: LossCurves, title: string): string {
  const all = [...curves.train, ...curves.validation];
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`,
  ];
  if (all.length === 0) {
    parts.push(`<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle">no loss recorded yet</text>`, '</svg>');
    return `${parts.join('\n')}\n`;
  }
  const xMax = Math.max(...all.map((p) => p[0]), 1);
  let yLo = Math.min(...all.map((p) => p[1]));
  let yHi = Math.max(...all.map((p) => p[1]));
  const pad = Math.max((yHi - yLo) * 0.05, 0.05);
  yLo = Math.max(0, yLo - pad);
  yHi += pad;
  const x = (chars: number) => MARGIN.left + (chars / xMax) * PLOT_W;
  const y = (nats: number) => MARGIN.top + (1 - (nats - yLo) / (yHi - yLo)) * PLOT_H;
  const fmt = (v: number) => v.toFixed(1);

  parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${PLOT_W}" height="${PLOT_H}" fill="none" stroke="#444"/>`);
  for (const t of niceTicks(yLo, yHi)) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${fmt(y(t))}" y2="${fmt(y(t))}" stroke="#ddd"/>`,
      `<text x="${MARGIN.left - 6}" y="${fmt(y(t) + 4)}" text-anchor="end">${t}</text>`,
    );
  }
  for (const t of niceTicks(0, xMax)) {
    parts.push(
      `<line x1="${fmt(x(t))}" x2="${fmt(x(t))}" y1="${MARGIN.top + PLOT_H}" y2="${MARGIN.top + PLOT_H + 5}" stroke="#444"/>`,
      `<text x="${fmt(x(t))}" y="${MARGIN.top + PLOT_H + 18}" text-anchor="middle">${formatChars(t)}</text>`,
    );
  }
  parts.push(
    `<text x="${MARGIN.left + PLOT_W / 2}" y="${HEIGHT - 14}" text-anchor="middle">training characters</text>`,
    `<text transform="translate(18 ${MARGIN.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle">nats per character (bits = nats / ln 2)</text>`,
  );
  const line = (points: readonly LossPoint[], color: string, name: string) =>
    `<polyline class="${name}" fill="none" stroke="${color}" stroke-width="1.5" points="${points.map(([c, n]) => `${fmt(x(c))},${fmt(y(n))}`).join(' ')}"/>`;
  if (curves.train.length > 0) parts.push(line(curves.train, COLORS.train, 'train'));
  if (curves.validation.length > 0) {
    parts.push(line(curves.validation, COLORS.validation, 'validation'));
    for (const [c, n] of curves.validation) parts.push(`<circle cx="${fmt(x(c))}" cy="${fmt(y(n))}" r="3" fill="${COLORS.validation}"/>`);
  }
  const legendX = MARGIN.left + PLOT_W - 150;
  parts.push(
    `<line x1="${legendX}" x2="${legendX + 24}" y1="${MARGIN.top + 16}" y2="${MARGIN.top + 16}" stroke="${COLORS.train}" stroke-width="2"/>`,
    `<text x="${legendX + 30}" y="${MARGIN.top + 20}">training</text>`,
    `<line x1="${legendX}" x2="${legendX + 24}" y1="${MARGIN.top + 34}" y2="${MARGIN.top + 34}" stroke="${COLORS.validation}" stroke-width="2"/>`,
    `<text x="${legendX + 30}" y="${MARGIN.top + 38}">validation</text>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}
