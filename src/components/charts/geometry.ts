/**
 * Drawing helpers for the server-side SVG charts. Charts use SVG presentation attributes (fill,
 * stroke, x, width…) and never `style=""`: the site's Content Security Policy allows only hashed
 * styles, and an inline style attribute would be refused.
 */

/**
 * The frame every chart shares (ChartFigure.astro): the SVG's width in user units, the space above
 * the first row, and the height of the tick labels under the plot.
 */
export const chartFrame = { width: 640, top: 8, axisHeight: 28 } as const;

/** Maps [0, domainMax] onto [start, end], rounded to tenths of a unit to keep the markup short. */
export function linearScale(domainMax: number, start: number, end: number): (value: number) => number {
  const span = domainMax > 0 ? domainMax : 1;
  return (value) => Math.round((start + ((end - start) * Math.min(Math.max(value, 0), span)) / span) * 10) / 10;
}

/** Evenly spaced ticks from 0 to max, inclusive. */
export function ticks(max: number, step: number): number[] {
  const list: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) list.push(Math.round(v * 1e6) / 1e6);
  return list;
}

/** A tick step giving at most about `count` intervals: 1, 2 or 5 times a power of ten. */
export function niceStep(max: number, count = 5): number {
  if (max <= 0) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return Math.max(1, step);
}
