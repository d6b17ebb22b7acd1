import { anAlert } from '../../../test/alert.fixture';
import { CONNECTION_LOST, soundingConditions } from './alarm-conditions';
import {
  AUDIO_PAUSE_MS,
  audioPauseRemainingMs,
  formatPauseRemaining,
  hasNewAlarmCondition,
  startAudioPause,
} from './audio-pause';

const now = Date.parse('2026-11-25T10:00:00.000Z');
const sounding = anAlert({ id: 'spo2', priority: 'medium', state: 'active' });

describe('audio pause', () => {
  it('lasts two minutes', () => {
    const pause = startAudioPause(now, soundingConditions([sounding]));
    expect(pause.until - now).toBe(AUDIO_PAUSE_MS);
    expect(AUDIO_PAUSE_MS).toBe(120_000);
    expect(audioPauseRemainingMs(pause, now + 30_000)).toBe(90_000);
    expect(audioPauseRemainingMs(pause, now + 200_000)).toBe(0);
  });

  it('never shows more than two minutes left, on a screen clock a tick behind', () => {
    const pause = startAudioPause(now, soundingConditions([sounding]));
    expect(audioPauseRemainingMs(pause, now - 800)).toBe(AUDIO_PAUSE_MS);
  });

  it('goes on while only the alarms it silenced sound', () => {
    const pause = startAudioPause(now, soundingConditions([sounding]));
    expect(hasNewAlarmCondition(pause, soundingConditions([sounding]))).toBe(false);
    expect(hasNewAlarmCondition(pause, soundingConditions([]))).toBe(false);
  });

  it('ends for a new alarm that sounds', () => {
    const pause = startAudioPause(now, soundingConditions([sounding]));
    const fresh = anAlert({ id: 'bp', priority: 'medium', state: 'active' });
    expect(hasNewAlarmCondition(pause, soundingConditions([sounding, fresh]))).toBe(true);
  });

  it('ends when a silenced alarm gets worse', () => {
    const pause = startAudioPause(now, soundingConditions([sounding]));
    expect(
      hasNewAlarmCondition(pause, soundingConditions([{ ...sounding, priority: 'high' }])),
    ).toBe(true);
  });

  it('ends for an alarm that was acknowledged when the pause began and sounds again', () => {
    const acknowledged = anAlert({ id: 'hr', priority: 'high', state: 'acknowledged' });
    const pause = startAudioPause(now, soundingConditions([acknowledged]));
    expect(
      hasNewAlarmCondition(pause, soundingConditions([{ ...acknowledged, state: 'active' }])),
    ).toBe(true);
  });

  it('is not ended by an alarm that makes no sound: acknowledged or low priority', () => {
    const pause = startAudioPause(now, soundingConditions([sounding]));
    const silent = [
      anAlert({ id: 'ack', priority: 'high', state: 'acknowledged' }),
      anAlert({ id: 'low', priority: 'low', state: 'active' }),
    ];
    expect(hasNewAlarmCondition(pause, soundingConditions([sounding, ...silent]))).toBe(false);
  });

  it('ends when the screen loses the server during it, and goes on while the loss lasts', () => {
    const pause = startAudioPause(now, soundingConditions([sounding]));
    const lost = soundingConditions([sounding], { connectionLost: true });
    expect(lost).toContain(CONNECTION_LOST);
    expect(hasNewAlarmCondition(pause, lost)).toBe(true);
    const pausedDuringLoss = startAudioPause(now, lost);
    expect(hasNewAlarmCondition(pausedDuringLoss, lost)).toBe(false);
  });

  it.each([
    [120_000, '2:00'],
    [119_001, '2:00'],
    [119_000, '1:59'],
    [61_000, '1:01'],
    [9_500, '0:10'],
    [1, '0:01'],
  ])('shows %i ms left as %s', (remaining, text) => {
    expect(formatPauseRemaining(remaining)).toBe(text);
  });
});
