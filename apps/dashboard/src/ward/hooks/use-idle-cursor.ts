import { useEffect } from 'react';

/** A pointer left on a wall display would hide part of a tile. */
export const CURSOR_IDLE_AFTER_MS = 3_000;

/** Marks the page `data-cursor-idle` once the pointer has rested; any movement clears it. */
export function useIdleCursor(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const root = document.documentElement;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const restart = () => {
      delete root.dataset.cursorIdle;
      clearTimeout(timer);
      timer = setTimeout(() => {
        root.dataset.cursorIdle = 'true';
      }, CURSOR_IDLE_AFTER_MS);
    };
    restart();
    document.addEventListener('pointermove', restart);
    document.addEventListener('pointerdown', restart);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('pointermove', restart);
      document.removeEventListener('pointerdown', restart);
      delete root.dataset.cursorIdle;
    };
  }, [enabled]);
}
