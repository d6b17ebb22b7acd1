export interface WardGridShape {
  columns: number;
  rows: number;
}

/**
 * Width over height of the tile whose readings are easiest to read from the door: BP above,
 * heart rate, SpO2 and respiratory rate across. Wider or taller tiles waste room the numerals
 * could have taken.
 */
export const WARD_TILE_ASPECT = 1.25;

/** A 1920×1080 screen, when the ward's own size is not known yet. */
const DEFAULT_ASPECT = 16 / 9;

/**
 * How many columns and rows the ward's chairs take on a screen of this width over height: the
 * shape whose tiles, kept to `WARD_TILE_ASPECT`, come out largest (6 chairs: 3 × 2; 24 chairs:
 * 6 × 4 on a 16:9 screen). Of two shapes as good, the one with fewer empty places.
 */
export function wardGridShape(chairs: number, aspect: number): WardGridShape {
  const count = Math.max(1, Math.floor(chairs));
  const width = Number.isFinite(aspect) && aspect > 0 ? aspect : DEFAULT_ASPECT;
  let best: WardGridShape & { size: number; empty: number } = {
    columns: 1,
    rows: count,
    size: -1,
    empty: 0,
  };
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    // The grid is `width` wide and 1 high; the largest tile of the right shape in one place.
    const size = Math.min(width / columns / WARD_TILE_ASPECT, 1 / rows);
    const empty = columns * rows - count;
    if (size > best.size + 1e-9 || (Math.abs(size - best.size) <= 1e-9 && empty < best.empty)) {
      best = { columns, rows, size, empty };
    }
  }
  return { columns: best.columns, rows: best.rows };
}
