import type { AlarmSound } from '../hooks/use-alarm-sound';
import { AUDIO_PAUSE_MS } from '../utils/audio-pause';
import { AudioPauseIndicator } from './audio-pause-indicator';
import '../../ui/components/form-field.css';
import './alarm-sound-control.css';

const PAUSE_MINUTES = AUDIO_PAUSE_MS / 60_000;

/** The ward's sound: whether the browser lets it play, and the time-limited audio pause. */
export function AlarmSoundControl({ sound }: { sound: AlarmSound }) {
  if (sound.status === 'unsupported') {
    return (
      <p className="alarm-sound alarm-sound--off" role="status">
        This browser cannot play alarm sounds.
      </p>
    );
  }
  return (
    <div className="alarm-sound">
      {sound.status === 'blocked' && (
        <div className="alarm-sound__blocked" data-testid="alarm-sound-blocked">
          <p role="status">Alarm sound is off until this page is clicked.</p>
          <button className="button button--primary" type="button" onClick={sound.enable}>
            Enable alarm sound
          </button>
        </div>
      )}
      {sound.pause ? (
        <AudioPauseIndicator pause={sound.pause} onCancel={sound.cancelPause} />
      ) : (
        <button className="button" type="button" onClick={sound.pauseAudio}>
          Pause alarm audio ({PAUSE_MINUTES} min)
        </button>
      )}
    </div>
  );
}
