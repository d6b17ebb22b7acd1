import type { AlarmSuspend, Alert } from '@vigil/shared';
import { type KnownReminders, reminderSignal } from '../utils/alarm-reminder';
import {
  audiblePriority,
  type SoundingCondition,
  soundingConditions,
} from '../utils/alarm-conditions';
import type { AudiblePriority } from '../utils/alarm-signal';
import { type AudioPause, hasNewAlarmCondition, startAudioPause } from '../utils/audio-pause';
import { AlarmTonePlayer } from './alarm-tone-player';

/**
 * `on`: the browser plays sound. `blocked`: its autoplay policy holds the context suspended until
 * someone interacts with the page. `unsupported`: no Web Audio at all.
 */
export type AlarmSoundStatus = 'on' | 'blocked' | 'unsupported';

export interface AlarmSoundState {
  status: AlarmSoundStatus;
  /** What the ward's alarms call for, whether or not a pause silences it. */
  audible: AudiblePriority | null;
  /** The technical alarm of a screen that has not heard from the server for too long. */
  connectionLost: boolean;
  pause: AudioPause | null;
}

/** Any of these is a user gesture, which lets a blocked context start. */
const GESTURES = ['pointerdown', 'keydown', 'touchend'] as const;

export function createBrowserAudioContext(): AudioContext | null {
  return typeof AudioContext === 'function' ? new AudioContext() : null;
}

/**
 * The ward's alarm sound: owns the audio context from `start` to `stop`, sounds the highest
 * audible priority among the alerts it is given and the screen's lost connection, plays a reminder signal (one burst) when the
 * server reminds of an acknowledged alert, and keeps the time-limited audio pause. One per
 * signed-in clinician (the app shell's), whatever page is open. Subscribe/getSnapshot suit
 * useSyncExternalStore.
 */
export class AlarmSoundController {
  private context: AudioContext | null = null;
  private player: AlarmTonePlayer | null = null;
  private alerts: readonly Alert[] = [];
  private suspends: readonly AlarmSuspend[] = [];
  private suspendTimer: ReturnType<typeof setTimeout> | undefined;
  private reminders: KnownReminders = new Map();
  private pauseTimer: ReturnType<typeof setTimeout> | undefined;
  private connectionLost = false;
  private state: AlarmSoundState = {
    status: 'blocked',
    audible: null,
    connectionLost: false,
    pause: null,
  };
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly createContext: () => AudioContext | null = createBrowserAudioContext,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): AlarmSoundState => this.state;

  start(): void {
    const context = this.createContext();
    if (!context) {
      this.update({ status: 'unsupported' });
      return;
    }
    this.context = context;
    this.player = new AlarmTonePlayer(context);
    context.addEventListener('statechange', this.reportContextState);
    for (const gesture of GESTURES) {
      document.addEventListener(gesture, this.resumeOnGesture, { capture: true });
    }
    this.reportContextState();
    this.sound();
  }

  stop(): void {
    for (const gesture of GESTURES) {
      document.removeEventListener(gesture, this.resumeOnGesture, { capture: true });
    }
    this.player?.dispose();
    this.player = null;
    const context = this.context;
    this.context = null;
    if (context) {
      context.removeEventListener('statechange', this.reportContextState);
      context.close().catch(() => undefined);
    }
    clearTimeout(this.pauseTimer);
    clearTimeout(this.suspendTimer);
  }

  setAlerts(alerts: readonly Alert[]): void {
    this.alerts = alerts;
    this.judge();
  }

  /**
   * The chairs whose probe-change alarms are suspended; each one's covered alarms sound again at
   * its end, without waiting for another event.
   */
  setSuspends(suspends: readonly AlarmSuspend[], now = Date.now()): void {
    this.suspends = suspends;
    clearTimeout(this.suspendTimer);
    const ends = suspends.map((suspend) => Date.parse(suspend.endsAt)).filter((end) => end > now);
    if (ends.length) this.suspendTimer = setTimeout(() => this.judge(), Math.min(...ends) - now);
    this.judge();
  }

  private judge(): void {
    const alerts = this.alerts;
    const sounding = this.sounding();
    const pause = this.pauseGoingOn(sounding);
    const audible = audiblePriority(sounding);
    const { burst, known } = reminderSignal(this.reminders, alerts, {
      paused: pause !== null,
      sounding: audible,
    });
    this.reminders = known;
    this.update({ audible, pause });
    // A context the browser holds back would play it late, at the click that starts it.
    if (burst && this.state.status === 'on') this.player?.playBurst(burst);
  }

  /** True from CONNECTION_ALARM_AFTER_MS without the server until it is back. */
  setConnectionLost(connectionLost: boolean): void {
    this.connectionLost = connectionLost;
    const sounding = this.sounding();
    this.update({
      audible: audiblePriority(sounding),
      connectionLost,
      pause: this.pauseGoingOn(sounding),
    });
  }

  /** Silences the alarms sounding now, and any reminder, for two minutes; a new one ends it. */
  pauseAudio(now = Date.now()): void {
    const pause = startAudioPause(now, this.sounding());
    clearTimeout(this.pauseTimer);
    this.pauseTimer = setTimeout(() => this.cancelPause(), pause.until - now);
    this.player?.stopBursts();
    this.update({ pause });
  }

  cancelPause(): void {
    clearTimeout(this.pauseTimer);
    this.update({ pause: null });
  }

  /** For the "Enable alarm sound" button: a click is the gesture the browser waits for. */
  enable(): void {
    this.context?.resume().catch(() => undefined);
  }

  private readonly resumeOnGesture = (): void => {
    if (this.state.status === 'blocked') this.enable();
  };

  private readonly reportContextState = (): void => {
    const state = this.context?.state;
    // 'closed' only follows our own stop(); 'interrupted' is Safari's word for suspended.
    if (state === undefined || state === 'closed') return;
    this.update({ status: state === 'running' ? 'on' : 'blocked' });
  };

  private sounding(): SoundingCondition[] {
    return soundingConditions(this.alerts, { connectionLost: this.connectionLost }, this.suspends);
  }

  /** The pause as it stands once `sounding` is taken in: a new alarm condition ends it. */
  private pauseGoingOn(sounding: readonly SoundingCondition[]): AudioPause | null {
    const { pause } = this.state;
    if (pause && !hasNewAlarmCondition(pause, sounding)) return pause;
    clearTimeout(this.pauseTimer);
    return null;
  }

  private update(changes: Partial<AlarmSoundState>): void {
    const next = { ...this.state, ...changes };
    const same = (Object.keys(next) as Array<keyof AlarmSoundState>).every(
      (key) => next[key] === this.state[key],
    );
    if (same) return;
    this.state = next;
    this.sound();
    this.listeners.forEach((listener) => listener());
  }

  private sound(): void {
    this.player?.play(this.state.pause ? null : this.state.audible);
  }
}
