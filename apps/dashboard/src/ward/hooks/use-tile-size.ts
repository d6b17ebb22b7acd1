import { useCallback } from 'react';

/**
 * At or under this height a tile is short (a full ward of 24 chairs on a 1080-pixel screen) and
 * gives way elsewhere to keep its numerals large (bed-tile.css, `data-short`).
 */
export const SHORT_TILE_PX = 360;

let observer: ResizeObserver | undefined;

/**
 * One observer for every tile: it writes the tile's content-box size as `--tile-w`/`--tile-h`
 * and whether it is short. Its type and numerals scale with these. CSS container queries did the
 * same, but with 24 size containers every change inside a tile cost the ward screen a style and
 * layout pass per container, and it fell to 51 fps (bench:ward); this runs only when a tile's
 * size changes.
 */
function tileObserver(): ResizeObserver | undefined {
  if (typeof ResizeObserver === 'undefined') return undefined;
  observer ??= new ResizeObserver((entries) => {
    for (const entry of entries) {
      const tile = entry.target as HTMLElement;
      const box = entry.contentBoxSize[0];
      const width = box?.inlineSize ?? entry.contentRect.width;
      const height = box?.blockSize ?? entry.contentRect.height;
      tile.style.setProperty('--tile-w', `${width}px`);
      tile.style.setProperty('--tile-h', `${height}px`);
      tile.dataset.short = String(height <= SHORT_TILE_PX);
    }
  });
  return observer;
}

/** A ref for a ward tile: its size, as the CSS reads it, follows the tile's. */
export function useTileSize(): (tile: HTMLElement | null) => (() => void) | undefined {
  return useCallback((tile: HTMLElement | null) => {
    const sizes = tileObserver();
    if (!tile || !sizes) return undefined;
    sizes.observe(tile);
    return () => sizes.unobserve(tile);
  }, []);
}
