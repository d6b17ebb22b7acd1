export interface ValueAxis {
  domain: [number, number];
  ticks: number[];
}

const TICK_STEPS = [1, 2, 5, 10, 20, 50, 100] as const;

/** Every multiple of `step` (counted from `origin`) from `from` to `to`, both included. */
export function ticksEvery(from: number, to: number, step: number, origin = 0): number[] {
  const ticks: number[] = [];
  for (let tick = Math.ceil((from - origin) / step) * step + origin; tick <= to; tick += step)
    ticks.push(tick);
  return ticks;
}

/** A value's distance in pixels from the top of a plot `heightPx` tall showing `[low, high]`. */
export function valueToPx(
  value: number,
  [low, high]: readonly [number, number],
  heightPx: number,
): number {
  return ((high - value) / (high - low || 1)) * heightPx;
}
const MAX_TICKS = 8;

/**
 * The value axis of a trend chart, fixed by us rather than left to the chart library, so that
 * the labels of its reference lines can be spread apart in pixels: the readings and every line
 * to be drawn, with a little room above and below, on the finest round step that needs no more
 * than eight ticks, never past what the sign can measure (no SpO2 above 100 %).
 */
export function valueAxis(
  values: readonly number[],
  bounds: { min: number; max: number },
): ValueAxis {
  const finite = values.filter(Number.isFinite);
  const low = finite.length ? Math.min(...finite) : bounds.min;
  const high = finite.length ? Math.max(...finite) : bounds.max;
  const pad = Math.max(high - low, 1) * 0.05;
  let axis: ValueAxis = { domain: [bounds.min, bounds.max], ticks: [] };
  for (const step of TICK_STEPS) {
    const domain: [number, number] = [
      Math.max(bounds.min, Math.floor((low - pad) / step) * step),
      Math.min(bounds.max, Math.ceil((high + pad) / step) * step),
    ];
    const ticks = ticksEvery(domain[0], domain[1], step);
    axis = { domain, ticks };
    if (ticks.length <= MAX_TICKS) break;
  }
  return axis;
}

/**
 * Where each label goes (pixels from the plot's top) so that no two are closer than `gapPx`: a
 * label stays beside its line when it has room, and is nudged along otherwise, keeping the
 * labels in the order of their lines and inside the plot. In the order given.
 */
export function spreadLabels(
  values: readonly number[],
  domain: readonly [number, number],
  heightPx: number,
  gapPx: number,
): number[] {
  const labels = values
    .map((value, index) => ({
      index,
      px: Math.min(Math.max(valueToPx(value, domain, heightPx), 0), heightPx),
    }))
    .sort((a, b) => a.px - b.px);
  let floor = -Infinity;
  for (const label of labels) {
    label.px = Math.max(label.px, floor + gapPx);
    floor = label.px;
  }
  // Pushed past the bottom: take the labels back up from there.
  let ceiling = heightPx + gapPx;
  for (const label of [...labels].reverse()) {
    label.px = Math.min(label.px, ceiling - gapPx);
    ceiling = label.px;
  }
  const placed = new Array<number>(values.length).fill(0);
  for (const { index, px } of labels) placed[index] = px;
  return placed;
}
