/**
 * Percentiles by nearest rank over every recorded value (a 1,000-bed run records ~30,000, so no
 * histogram is needed).
 * @param {number[]} values
 * @returns {{ count: number, p50: number | null, p99: number | null, max: number | null }}
 */
export function summarize(values) {
  if (values.length === 0) return { count: 0, p50: null, p99: null, max: null };
  const sorted = Float64Array.from(values).sort();
  /** @param {number} q */
  const rank = (q) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? null;
  return { count: sorted.length, p50: rank(0.5), p99: rank(0.99), max: sorted.at(-1) ?? null };
}
