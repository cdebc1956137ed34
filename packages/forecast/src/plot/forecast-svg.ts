import type { Forecast } from '../forecast-types';

/** Options of {@link forecastSvg}. */
export interface ForecastSvgOptions {
  /** Title drawn above the plot. */
  title?: string;
  width?: number;
  height?: number;
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Round numbers for axis ticks: about `count` steps of 1, 2 or 5 × 10^k between lo and hi. */
function ticks(lo: number, hi: number, count: number): number[] {
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/**
 * Draws a forecast as a standalone SVG: the history as a line, the 95 % and 80 % intervals as shaded bands, the
 * median as a line, and the actual future values as dots when known. Steps are numbered from the end of the
 * history (0 is its last value).
 */
export function forecastSvg(history: ArrayLike<number>, forecast: Forecast, actual?: ArrayLike<number>, options: ForecastSvgOptions = {}): string {
  const width = options.width ?? 800;
  const height = options.height ?? 360;
  const margin = { left: 64, right: 16, top: options.title ? 36 : 16, bottom: 40 };
  const n = history.length;
  const h = forecast.point.length;
  const band = (level: number) => forecast.intervals.find((i) => i.level === level);
  const all = [...Array.from(history), ...Array.from(forecast.point), ...(actual ? Array.from(actual) : [])];
  for (const i of forecast.intervals) all.push(...Array.from(i.lower), ...Array.from(i.upper));
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi === lo) hi = lo + 1;
  const pad = 0.05 * (hi - lo);
  lo -= pad;
  hi += pad;
  const x = (step: number) => margin.left + ((step + n - 1) / (n + h - 1)) * (width - margin.left - margin.right);
  const y = (v: number) => margin.top + ((hi - v) / (hi - lo)) * (height - margin.top - margin.bottom);
  const f = (v: number) => v.toFixed(1);
  const line = (values: ArrayLike<number>, first: number) => Array.from(values, (v, i) => `${i ? 'L' : 'M'}${f(x(first + i))},${f(y(v))}`).join('');
  const area = (lower: ArrayLike<number>, upper: ArrayLike<number>) => {
    const top = Array.from(upper, (v, i) => `${i ? 'L' : 'M'}${f(x(i + 1))},${f(y(v))}`).join('');
    const bottom = Array.from(lower, (_, i) => `L${f(x(h - i))},${f(y(lower[h - 1 - i]))}`).join('');
    return `${top}${bottom}Z`;
  };
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
  ];
  if (options.title) parts.push(`<text x="${margin.left}" y="22" font-size="14">${escape(options.title)}</text>`);
  for (const v of ticks(lo, hi, 5)) {
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${f(y(v))}" y2="${f(y(v))}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${margin.left - 6}" y="${f(y(v) + 4)}" text-anchor="end" fill="#555">${v.toLocaleString('en-US')}</text>`);
  }
  for (const s of ticks(-(n - 1), h, 8)) {
    parts.push(`<text x="${f(x(s))}" y="${height - margin.bottom + 16}" text-anchor="middle" fill="#555">${s}</text>`);
  }
  parts.push(`<text x="${(width + margin.left) / 2}" y="${height - 6}" text-anchor="middle" fill="#555">steps from the forecast origin</text>`);
  parts.push(`<line x1="${f(x(0))}" x2="${f(x(0))}" y1="${margin.top}" y2="${height - margin.bottom}" stroke="#999" stroke-dasharray="4 3"/>`);
  const i95 = band(95);
  const i80 = band(80);
  if (i95) parts.push(`<path d="${area(i95.lower, i95.upper)}" fill="#9ecae1" fill-opacity="0.5"><title>95 % interval</title></path>`);
  if (i80) parts.push(`<path d="${area(i80.lower, i80.upper)}" fill="#4292c6" fill-opacity="0.5"><title>80 % interval</title></path>`);
  parts.push(`<path d="${line(history, -(n - 1))}" fill="none" stroke="#222" stroke-width="1.2"><title>history</title></path>`);
  parts.push(`<path d="${line([history[n - 1], ...Array.from(forecast.point)], 0)}" fill="none" stroke="#08306b" stroke-width="2"><title>median forecast</title></path>`);
  if (actual) for (let i = 0; i < actual.length; i++) parts.push(`<circle cx="${f(x(i + 1))}" cy="${f(y(actual[i]))}" r="2.5" fill="#d94801"/>`);
  const legend = [['#222', 'history'], ['#08306b', 'median'], ['#4292c6', '80 %'], ['#9ecae1', '95 %'], ...(actual ? [['#d94801', 'actual']] : [])];
  legend.forEach(([color, label], i) => {
    const lx = width - margin.right - 70 * (legend.length - i);
    parts.push(`<rect x="${lx}" y="${margin.top - 14}" width="10" height="10" fill="${color}"/><text x="${lx + 14}" y="${margin.top - 5}">${label}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
