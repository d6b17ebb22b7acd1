/**
 * Fullscreen is a request the browser may refuse (no user gesture, a kiosk policy, an iframe);
 * the ward works the same without it, so a refusal is not an error worth showing.
 */
export function requestFullscreen(root: HTMLElement = document.documentElement): void {
  if (document.fullscreenElement || !document.fullscreenEnabled) return;
  root.requestFullscreen?.().catch(() => undefined);
}

export function exitFullscreen(): void {
  if (!document.fullscreenElement) return;
  document.exitFullscreen?.().catch(() => undefined);
}
