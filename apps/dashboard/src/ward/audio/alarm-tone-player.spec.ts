import { asToneContext, FakeAudioContext } from '../../../test/fake-audio-context';
import {
  ALARM_SIGNALS,
  burstPeriodMs,
  burstPulseOffsetsMs,
  pulseStartsBetween,
} from '../utils/alarm-signal';
import { AlarmTonePlayer, LOOKAHEAD_MS, type ToneContext } from './alarm-tone-player';

/** Pulse start times relative to the first one, in whole milliseconds. */
const relativeStarts = (context: FakeAudioContext): number[] => {
  const pulses = context.pendingPulses();
  const first = pulses[0]?.at ?? 0;
  return pulses.map((pulse) => Math.round((pulse.at - first) * 1_000));
};

describe('AlarmTonePlayer', () => {
  let context: FakeAudioContext;
  let player: AlarmTonePlayer;

  beforeEach(() => {
    jest.useFakeTimers();
    context = new FakeAudioContext();
    player = new AlarmTonePlayer(asToneContext<ToneContext>(context));
  });

  afterEach(() => {
    player.dispose();
    jest.useRealTimers();
  });

  it('plays nothing until asked', () => {
    expect(context.pendingPulses()).toEqual([]);
  });

  it('plays the high-priority burst of ten pulses, at its pitch, repeating', () => {
    player.play('high');
    const high = ALARM_SIGNALS.high;
    const firstBurst = burstPulseOffsetsMs(high);
    const starts = relativeStarts(context);
    expect(starts.slice(0, 10)).toEqual(firstBurst);
    expect(starts[10]).toBe(burstPeriodMs(high));
    expect(new Set(context.pendingPulses().map((pulse) => pulse.frequencyHz))).toEqual(
      new Set([high.frequencyHz]),
    );
    const [pulse] = context.pendingPulses();
    expect(Math.round((pulse!.until - pulse!.at) * 1_000)).toBe(high.pulseMs);
  });

  it('plays the medium-priority burst of three pulses', () => {
    player.play('medium');
    const medium = ALARM_SIGNALS.medium;
    const starts = relativeStarts(context);
    expect(starts.slice(0, 4)).toEqual([...burstPulseOffsetsMs(medium), burstPeriodMs(medium)]);
    expect(context.pendingPulses()[0]?.frequencyHz).toBe(medium.frequencyHz);
  });

  it('holds more than a minute of the pattern ahead, for a tab whose timers are throttled', () => {
    player.play('medium');
    const pulses = context.pendingPulses();
    expect(pulses.at(-1)!.at - pulses[0]!.at).toBeGreaterThan(60);
    expect(pulses.at(-1)!.at).toBeLessThanOrEqual(context.currentTime + LOOKAHEAD_MS / 1_000 + 0.1);
  });

  it('keeps scheduling as the audio clock moves on, exactly the pattern, no pulse doubled', () => {
    player.play('high');
    const signal = ALARM_SIGNALS.high;
    for (let second = 0; second < 120; second += 1) {
      context.advance(1);
      jest.advanceTimersByTime(1_000);
    }
    const patternStart = context.oscillators[0]!.startAt!;
    const scheduledMs = context.oscillators.map((oscillator) =>
      Math.round((oscillator.startAt! - patternStart) * 1_000),
    );
    const horizonMs = (context.currentTime - patternStart) * 1_000 + LOOKAHEAD_MS;
    expect(scheduledMs).toEqual(pulseStartsBetween(signal, 0, horizonMs));
    expect(context.pendingPulses().at(-1)!.at).toBeGreaterThan(context.currentTime + 60);
  });

  it('switches to the new signal from its first pulse, dropping the old one', () => {
    player.play('medium');
    context.advance(2);
    player.play('high');
    const pulses = context.pendingPulses();
    expect(pulses.every((pulse) => pulse.frequencyHz === ALARM_SIGNALS.high.frequencyHz)).toBe(
      true,
    );
    expect(pulses[0]!.at).toBeCloseTo(2.05, 5);
    expect(relativeStarts(context).slice(0, 10)).toEqual(burstPulseOffsetsMs(ALARM_SIGNALS.high));
  });

  it('goes silent at once for null, cutting a pulse in progress', () => {
    player.play('high');
    context.advance(0.1);
    player.play(null);
    expect(context.pendingPulses()).toEqual([]);
    expect(player.priority).toBeNull();
    jest.advanceTimersByTime(10_000);
    expect(context.pendingPulses()).toEqual([]);
  });

  it('does not restart the pattern when told to play what it already plays', () => {
    player.play('medium');
    const before = context.oscillators.length;
    player.play('medium');
    expect(context.oscillators.length).toBe(before);
  });

  describe('a single burst (reminder signal)', () => {
    it('plays one burst of the priority’s pattern, at its pitch, and nothing after it', () => {
      player.playBurst('high');
      const high = ALARM_SIGNALS.high;
      expect(relativeStarts(context)).toEqual(burstPulseOffsetsMs(high));
      expect(context.pendingPulses()[0]!.at).toBeCloseTo(0.05, 5);
      expect(new Set(context.pendingPulses().map((pulse) => pulse.frequencyHz))).toEqual(
        new Set([high.frequencyHz]),
      );
      context.advance(burstPeriodMs(high) / 1_000);
      jest.advanceTimersByTime(60_000);
      expect(context.pendingPulses()).toEqual([]);
      expect(context.oscillators).toHaveLength(burstPulseOffsetsMs(high).length);
    });

    it('sounds beside the repeating signal, which goes on unchanged', () => {
      player.play('medium');
      const repeating = context.pendingPulses().length;
      player.playBurst('high');
      const pitches = context.pendingPulses().map((pulse) => pulse.frequencyHz);
      expect(pitches.filter((pitch) => pitch === ALARM_SIGNALS.high.frequencyHz)).toHaveLength(10);
      expect(pitches.filter((pitch) => pitch === ALARM_SIGNALS.medium.frequencyHz)).toHaveLength(
        repeating,
      );
      expect(player.priority).toBe('medium');
    });

    it('is cut at once by stopBursts, leaving the repeating signal alone', () => {
      player.play('medium');
      player.playBurst('high');
      context.advance(0.2);
      player.stopBursts();
      const pitches = new Set(context.pendingPulses().map((pulse) => pulse.frequencyHz));
      expect(pitches).toEqual(new Set([ALARM_SIGNALS.medium.frequencyHz]));
    });

    it('is cut by dispose too', () => {
      player.playBurst('medium');
      player.dispose();
      expect(context.pendingPulses()).toEqual([]);
    });

    it('lets go of its nodes once its last pulse has played', () => {
      player.playBurst('medium');
      context.advance(2);
      expect(context.oscillators.every((oscillator) => oscillator.ended)).toBe(true);
      expect(
        context.oscillators.some((oscillator) => oscillator.reaches(context.destination)),
      ).toBe(false);
    });
  });

  it('lets go of pulses once they have played', () => {
    player.play('medium');
    context.advance(1.2);
    const played = context.oscillators.filter((oscillator) => oscillator.ended);
    expect(played).toHaveLength(3);
    // Their envelopes are disconnected, so a long alarm does not grow the audio graph.
    expect(played.some((oscillator) => oscillator.reaches(context.destination))).toBe(false);
  });
});
