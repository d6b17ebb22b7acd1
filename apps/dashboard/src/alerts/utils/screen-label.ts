import { ACKNOWLEDGED_FROM_MAX } from '@vigil/shared';

/** `?screen=Ward screen 2` on a screen's address names it, and it keeps the name from then on. */
export const SCREEN_PARAM = 'screen';
const STORAGE_KEY = 'vigil.screen-label';
const UNNAMED = 'Workstation';

/**
 * What the screen calls itself when an alert is acknowledged from it ("Acknowledged by nurse
 * (Ward screen 2)"): the name its address gave it once, else "Workstation".
 */
export function screenLabel(location: Pick<Location, 'search'> = window.location): string {
  const given = new URLSearchParams(location.search).get(SCREEN_PARAM)?.trim();
  if (given) {
    const label = given.slice(0, ACKNOWLEDGED_FROM_MAX);
    try {
      window.localStorage.setItem(STORAGE_KEY, label);
    } catch {
      // A browser that keeps nothing still sends the name while the address carries it.
    }
    return label;
  }
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? UNNAMED;
  } catch {
    return UNNAMED;
  }
}
