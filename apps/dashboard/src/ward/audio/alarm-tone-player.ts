import {
  ALARM_SIGNALS,
  type AlarmSignal,
  type AudiblePriority,
  burstPulseOffsetsMs,
  HARMONIC_AMPLITUDES,
  pulseStartsBetween,
} from '../utils/alarm-signal';

/** The part of the Web Audio API the player uses; tests pass a fake. */
export type ToneContext = Pick<
  BaseAudioContext,
  'currentTime' | 'destination' | 'createOscillator' | 'createGain' | 'createPeriodicWave'
>;

/**
 * How far ahead pulses are handed to the audio clock. Chrome throttles the timers of a hidden tab
 * to as little as one a minute, so the audio graph itself holds more than a minute of the pattern:
 * a throttled timer can delay the top-up, never a pulse.
 */
export const LOOKAHEAD_MS = 75_000;
const TOP_UP_EVERY_MS = 1_000;
/** Lets the first pulse start cleanly rather than at a time already past. */
const START_DELAY_S = 0.05;
const PULSE_LEVEL = 0.5;

/** Pulses that sound together: every one hangs off `output`, so disconnecting it silences them. */
interface Voice {
  signal: AlarmSignal;
  output: GainNode;
  pulses: Set<OscillatorNode>;
}

interface Playback extends Voice {
  priority: AudiblePriority;
  /** Audio-clock time (s) at which the pattern's first burst starts. */
  patternStart: number;
  /** Pattern time (ms) up to which pulses are already scheduled. */
  scheduledUntilMs: number;
}

/**
 * Plays one repeating IEC alarm signal at a time on a Web Audio context, scheduling pulses on
 * the audio clock (sample-accurate, unlike timers) a window ahead of time; and, beside it, single
 * bursts (reminder signals).
 */
export class AlarmTonePlayer {
  private playback: Playback | null = null;
  private readonly bursts = new Set<Voice>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private wave: PeriodicWave | null = null;

  constructor(private readonly context: ToneContext) {}

  get priority(): AudiblePriority | null {
    return this.playback?.priority ?? null;
  }

  /** Switches to the signal of `priority`, from its first pulse, or to silence for null. */
  play(priority: AudiblePriority | null): void {
    if (priority === this.priority) return;
    this.silence();
    if (priority === null) return;
    this.playback = {
      ...this.createVoice(ALARM_SIGNALS[priority]),
      priority,
      patternStart: this.context.currentTime + START_DELAY_S,
      scheduledUntilMs: 0,
    };
    this.topUp();
    this.timer = setInterval(() => this.topUp(), TOP_UP_EVERY_MS);
  }

  /**
   * One burst of `priority`'s signal, starting now, whatever `play` is doing: all the pulses go to
   * the audio clock at once, so no timer can delay or cut it. The voice lets go of itself once its
   * last pulse has ended.
   */
  playBurst(priority: AudiblePriority): void {
    const voice = this.createVoice(ALARM_SIGNALS[priority]);
    const burstStart = this.context.currentTime + START_DELAY_S;
    for (const offsetMs of burstPulseOffsetsMs(voice.signal)) {
      this.schedulePulse(voice, burstStart + offsetMs / 1_000);
    }
    this.bursts.add(voice);
  }

  /** Cuts every burst still sounding or to sound; the repeating signal is left as it is. */
  stopBursts(): void {
    for (const voice of this.bursts) this.cut(voice);
    this.bursts.clear();
  }

  dispose(): void {
    this.silence();
    this.stopBursts();
  }

  private createVoice(signal: AlarmSignal): Voice {
    const output = this.context.createGain();
    output.connect(this.context.destination);
    return { signal, output, pulses: new Set() };
  }

  private cut(voice: Voice): void {
    for (const pulse of voice.pulses) pulse.stop(0);
    voice.output.disconnect();
  }

  private silence(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    const playback = this.playback;
    this.playback = null;
    if (playback) this.cut(playback);
  }

  private topUp(): void {
    const playback = this.playback;
    if (!playback) return;
    // While the context is suspended its clock stands still, and so does the horizon.
    const horizonMs = (this.context.currentTime - playback.patternStart) * 1_000 + LOOKAHEAD_MS;
    for (const startMs of pulseStartsBetween(
      playback.signal,
      playback.scheduledUntilMs,
      horizonMs,
    )) {
      this.schedulePulse(playback, playback.patternStart + startMs / 1_000);
    }
    playback.scheduledUntilMs = Math.max(playback.scheduledUntilMs, horizonMs);
  }

  private schedulePulse(voice: Voice, at: number): void {
    const { signal, output, pulses } = voice;
    const pulseEnd = at + signal.pulseMs / 1_000;
    const ramp = signal.rampMs / 1_000;
    const oscillator = this.context.createOscillator();
    oscillator.setPeriodicWave(this.periodicWave());
    oscillator.frequency.value = signal.frequencyHz;
    const envelope = this.context.createGain();
    envelope.gain.setValueAtTime(0, at);
    envelope.gain.linearRampToValueAtTime(PULSE_LEVEL, at + ramp);
    envelope.gain.setValueAtTime(PULSE_LEVEL, pulseEnd - ramp);
    envelope.gain.linearRampToValueAtTime(0, pulseEnd);
    oscillator.connect(envelope).connect(output);
    oscillator.addEventListener('ended', () => {
      pulses.delete(oscillator);
      envelope.disconnect();
      // A burst whose last pulse has played is done; a repeating signal always has more ahead.
      if (pulses.size === 0 && this.bursts.delete(voice)) output.disconnect();
    });
    oscillator.start(at);
    oscillator.stop(pulseEnd);
    pulses.add(oscillator);
  }

  private periodicWave(): PeriodicWave {
    this.wave ??= this.context.createPeriodicWave(
      new Float32Array(HARMONIC_AMPLITUDES.length),
      Float32Array.from(HARMONIC_AMPLITUDES),
    );
    return this.wave;
  }
}
