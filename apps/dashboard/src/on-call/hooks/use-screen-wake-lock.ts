import { useEffect, useState } from 'react';

/** `active` while the screen is held awake; `unsupported` or `refused` say why it is not. */
export type WakeLockStatus = 'pending' | 'active' | 'unsupported' | 'refused';

/**
 * Keeps the phone's screen awake while this page is open (Screen Wake Lock API), so an alarm is
 * seen and heard without unlocking it. The browser lets go of the lock whenever the page is
 * hidden; it is taken again each time the page is shown.
 */
export function useScreenWakeLock(): WakeLockStatus {
  const [wakeLock] = useState(() => ('wakeLock' in navigator ? navigator.wakeLock : undefined));
  const [status, setStatus] = useState<WakeLockStatus>(wakeLock ? 'pending' : 'unsupported');
  useEffect(() => {
    if (!wakeLock) return;
    let disposed = false;
    let sentinel: WakeLockSentinel | undefined;
    const take = async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        const taken = await wakeLock.request('screen');
        if (disposed) {
          void taken.release();
          return;
        }
        sentinel = taken;
        setStatus('active');
        taken.addEventListener('release', () => {
          if (!disposed) setStatus('pending');
        });
      } catch {
        // Battery saver or a browser policy refused it: the page says the screen may lock.
        if (!disposed) setStatus('refused');
      }
    };
    const onVisibility = () => void take();
    document.addEventListener('visibilitychange', onVisibility);
    void take();
    return () => {
      disposed = true;
      document.removeEventListener('visibilitychange', onVisibility);
      void sentinel?.release();
    };
  }, [wakeLock]);
  return status;
}
