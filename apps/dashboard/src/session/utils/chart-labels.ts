export interface ValueAxis {
  domain: [number, number];
  ticks: number[];
}

const TICK_STEPS = [1, 2, 5, 10, 20, 50, 100] as const;
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
    const ticks: number[] = [];
    for (let tick = Math.ceil(domain[0] / step) * step; tick <= domain[1]; tick += step)
      ticks.push(tick);
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
  [low, high]: readonly [number, number],
  heightPx: number,
  gapPx: number,
): number[] {
  const toPx = (value: number) => ((high - value) / (high - low || 1)) * heightPx;
  const labels = values
    .map((value, index) => ({ index, px: Math.min(Math.max(toPx(value), 0), heightPx) }))
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
