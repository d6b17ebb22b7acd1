import { useEffect } from 'react';
import { useIdleCursor } from '../hooks/use-idle-cursor';
import { exitFullscreen, requestFullscreen } from '../utils/fullscreen';
import './kiosk.css';

/**
 * While mounted, the page is a wall display: the kiosk theme on the whole document (the
 * connection banner included), the cursor hidden when idle, and a click going fullscreen, since
 * a browser grants fullscreen only in answer to a gesture. Renders nothing.
 */
export function KioskEffect() {
  useIdleCursor(true);
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.kiosk = 'true';
    const goFullscreen = () => requestFullscreen(root);
    document.addEventListener('click', goFullscreen);
    return () => {
      document.removeEventListener('click', goFullscreen);
      delete root.dataset.kiosk;
      exitFullscreen();
    };
  }, []);
  return null;
}
