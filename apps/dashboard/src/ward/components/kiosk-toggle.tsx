import { exitFullscreen, requestFullscreen } from '../utils/fullscreen';
import '../../ui/components/form-field.css';

interface KioskToggleProps {
  kiosk: boolean;
  onChange: (on: boolean) => void;
}

/**
 * Turns the wall-display mode on or off (a toggle button: its label stays, aria-pressed and the
 * check mark tell the state). The click itself is the gesture fullscreen needs.
 */
export function KioskToggle({ kiosk, onChange }: KioskToggleProps) {
  return (
    <button
      className="button ward-screen__kiosk-toggle"
      type="button"
      aria-pressed={kiosk}
      onClick={() => {
        if (kiosk) exitFullscreen();
        else requestFullscreen();
        onChange(!kiosk);
      }}
    >
      Kiosk mode
    </button>
  );
}
