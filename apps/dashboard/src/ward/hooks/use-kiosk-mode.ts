import { useCallback } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { PAGES } from '../../app/routes/route-access';

/** `/ward?kiosk=1`: the address a wall display is pointed at. */
export const KIOSK_PARAM = 'kiosk';

export interface KioskMode {
  kiosk: boolean;
  setKiosk: (on: boolean) => void;
}

/**
 * Whether the ward is shown as a wall display. Kept in the address, so a kiosk browser started on
 * that address comes back to it after a reload or a new login.
 */
export function useKioskMode(): KioskMode {
  const { pathname } = useLocation();
  const [params, setParams] = useSearchParams();
  const kiosk = pathname === PAGES.ward.path && params.get(KIOSK_PARAM) === '1';
  const setKiosk = useCallback(
    (on: boolean) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        if (on) next.set(KIOSK_PARAM, '1');
        else next.delete(KIOSK_PARAM);
        return next;
      }),
    [setParams],
  );
  return { kiosk, setKiosk };
}
