/** An axis of the dose chart: its ticks, labelled with their unit, and the width they need. */
export interface DoseAxis {
  domain: [number, number];
  ticks: number[];
  format: (value: number) => string;
  /** Pixels for the longest label, the tick mark and a gap: no label is ever cut. */
  widthPx: number;
}

/** About four intervals: enough to read a value off, few enough to stay legible when narrow. */
const TARGET_INTERVALS = 4;
const STEP_MULTIPLES = [1, 2, 5, 10] as const;

/** The axis text's size: the chart library's ticks inherit the page's 16 px. */
const TICK_FONT_PX = 16;
/** Tick mark (6 px) and the library's gap beside it, plus a little air. */
const TICK_SPACE_PX = 14;
/** Character widths in em of a sans-serif face, rounded up; anything else counts as wide. */
const CHAR_EM: Record<string, number> = {
  '.': 0.3,
  ' ': 0.3,
  '/': 0.35,
  '-': 0.4,
  m: 0.9,
  L: 0.6,
};
const DIGIT_EM = 0.6;
const OTHER_EM = 0.65;

function charEm(char: string): number {
  if (char >= '0' && char <= '9') return DIGIT_EM;
  return CHAR_EM[char] ?? OTHER_EM;
}

/** An estimate of a label's width, a little generous, since a cut label misreads. */
export function labelWidthPx(label: string, fontPx = TICK_FONT_PX): number {
  return [...label].reduce((sum, char) => sum + charEm(char) * fontPx, 0);
}

/** The digits after the point that a step of this size needs (0.05 → 2, 0.5 → 1, 20 → 0). */
function decimalsOf(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/**
 * A value axis from zero to a round top at or above `max`, on a step of 1, 2 or 5 × 10ⁿ, its
 * labels with the precision that step needs and the unit (`0.15 mg`, `60 mL/h`), and a width
 * that fits them. `minTop` keeps an axis with nothing on it yet readable.
 */
export function doseAxis(max: number, unit: string, minTop: number): DoseAxis {
  const top = Math.max(Number.isFinite(max) ? max : 0, minTop);
  const rawStep = top / TARGET_INTERVALS;
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  const step =
    STEP_MULTIPLES.map((multiple) => multiple * magnitude).find((each) => each >= rawStep) ??
    10 * magnitude;
  const decimals = decimalsOf(step);
  const intervals = Math.ceil(top / step - 1e-9);
  const ticks = Array.from({ length: intervals + 1 }, (_, index) =>
    Number((index * step).toFixed(decimals)),
  );
  const format = (value: number) => `${value.toFixed(decimals)} ${unit}`;
  const widest = Math.max(...ticks.map((tick) => labelWidthPx(format(tick))));
  return {
    domain: [0, ticks.at(-1) ?? top],
    ticks,
    format,
    widthPx: Math.ceil(widest + TICK_SPACE_PX),
  };
}
