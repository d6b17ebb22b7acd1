/**
 * The value axis of a trend chart, fixed by us rather than left to the chart library, so that
 * the labels of its reference lines can be spread apart in pixels: the readings and every line
 * to be drawn, with a little room above and below, on round numbers.
 */
export function valueDomain(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 100];
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  const span = Math.max(high - low, 1);
  const step = span <= 20 ? 2 : span <= 50 ? 5 : 10;
  const pad = span * 0.05;
  return [Math.floor((low - pad) / step) * step, Math.ceil((high + pad) / step) * step];
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
