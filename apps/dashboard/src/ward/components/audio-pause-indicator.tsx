import { useNow } from '../../ui/hooks/use-now';
import { type AudioPause, audioPauseRemainingMs, formatPauseRemaining } from '../utils/audio-pause';
import { BellOffIcon } from './bell-off-icon';

interface AudioPauseIndicatorProps {
  pause: AudioPause;
  onCancel: () => void;
}

/** Shown for as long as the pause lasts, with the time left, so nobody forgets the ward is quiet. */
export function AudioPauseIndicator({ pause, onCancel }: AudioPauseIndicatorProps) {
  const now = useNow();
  const remaining = formatPauseRemaining(audioPauseRemainingMs(pause, now));
  return (
    <div className="audio-pause" data-testid="audio-paused">
      {/* Announced once; the countdown beside it is not read out every second. */}
      <p className="audio-pause__label" role="status">
        <BellOffIcon />
        Audio paused
      </p>
      <p className="audio-pause__remaining">
        <span className="visually-hidden">Time remaining </span>
        <span data-testid="audio-pause-remaining">{remaining}</span>
      </p>
      <button className="button" type="button" onClick={onCancel}>
        Cancel audio pause
      </button>
    </div>
  );
}
