import type { AlertPriority } from '@vigil/shared';

/** Priorities the ward sounds. A low-priority alarm is shown only, which IEC 60601-1-8 allows. */
export type AudiblePriority = Extract<AlertPriority, 'high' | 'medium'>;

/**
 * One IEC 60601-1-8 alarm signal: a burst of pulses, repeated after a silence. Times in
 * milliseconds; a pulse's duration includes its rise and fall.
 */
export interface AlarmSignal {
  frequencyHz: number;
  pulseMs: number;
  /** Rise and fall of each pulse: 10–20 % of the pulse, so it neither clicks nor smears. */
  rampMs: number;
  /** Silence between one pulse and the next within a burst (one fewer than the pulses). */
  gapsMs: readonly number[];
  /** Silence from the end of one burst to the start of the next. */
  interBurstMs: number;
}

/** Pulse spacing x of a high-priority burst (IEC: 50–125 ms). */
const HIGH_X_MS = 80;
const HIGH_PULSE_MS = 120;
/** The longer spacing inside each half of the burst: 2x + td. */
const HIGH_LONG_GAP_MS = 2 * HIGH_X_MS + HIGH_PULSE_MS;
/** Between the two halves of a high-priority burst (IEC: 0.35–1.30 s). */
const HIGH_HALF_GAP_MS = 500;

/** Pulse spacing y of a medium-priority burst (IEC: 125–250 ms). */
const MEDIUM_Y_MS = 200;

/**
 * Every value sits inside the standard's ranges: high 10 pulses of 75–200 ms, bursts 2.5–15 s
 * apart; medium 3 pulses of 125–250 ms, bursts 2.5–30 s apart. Medium is lower, longer and
 * slower, so the two are told apart by ear as well as by the screen.
 */
export const ALARM_SIGNALS: Record<AudiblePriority, AlarmSignal> = {
  high: {
    frequencyHz: 660,
    pulseMs: HIGH_PULSE_MS,
    rampMs: 18,
    gapsMs: [
      HIGH_X_MS,
      HIGH_X_MS,
      HIGH_LONG_GAP_MS,
      HIGH_X_MS,
      HIGH_HALF_GAP_MS,
      HIGH_X_MS,
      HIGH_X_MS,
      HIGH_LONG_GAP_MS,
      HIGH_X_MS,
    ],
    interBurstMs: 4_000,
  },
  medium: {
    frequencyHz: 520,
    pulseMs: 200,
    rampMs: 30,
    gapsMs: [MEDIUM_Y_MS, MEDIUM_Y_MS],
    interBurstMs: 8_000,
  },
};

/**
 * Relative amplitudes of the fundamental and its harmonics (index 1 = fundamental). IEC asks for
 * at least four harmonics between 300 and 4 000 Hz within 15 dB of the fundamental: a pure sine
 * is hard to locate and easy to miss in a noisy room.
 */
export const HARMONIC_AMPLITUDES: readonly number[] = [0, 1, 0.7, 0.5, 0.4, 0.3];

/** When each pulse starts, from the start of its burst. */
export function burstPulseOffsetsMs(signal: AlarmSignal): number[] {
  const offsets = [0];
  for (const gap of signal.gapsMs) offsets.push(offsets.at(-1)! + signal.pulseMs + gap);
  return offsets;
}

export function burstDurationMs(signal: AlarmSignal): number {
  return burstPulseOffsetsMs(signal).at(-1)! + signal.pulseMs;
}

/** From the start of one burst to the start of the next. */
export function burstPeriodMs(signal: AlarmSignal): number {
  return burstDurationMs(signal) + signal.interBurstMs;
}

/**
 * The start times of the pulses that begin in [fromMs, toMs), on a clock where the first burst
 * starts at 0 and bursts repeat for ever. A scheduler asks for one short window after another.
 */
export function pulseStartsBetween(signal: AlarmSignal, fromMs: number, toMs: number): number[] {
  const period = burstPeriodMs(signal);
  const offsets = burstPulseOffsetsMs(signal);
  const starts: number[] = [];
  const firstBurst = Math.max(0, Math.floor(fromMs / period));
  for (let burstStart = firstBurst * period; burstStart < toMs; burstStart += period) {
    for (const offset of offsets) {
      const start = burstStart + offset;
      if (start >= fromMs && start < toMs) starts.push(start);
    }
  }
  return starts;
}

const AUDIBLE_PRIORITIES: readonly AlertPriority[] = ['high', 'medium'];

export function isAudiblePriority(priority: AlertPriority): priority is AudiblePriority {
  return AUDIBLE_PRIORITIES.includes(priority);
}
