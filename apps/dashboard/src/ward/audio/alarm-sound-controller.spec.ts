import { anAlert } from '../../../test/alert.fixture';
import { FakeAudioContext } from '../../../test/fake-audio-context';
import { ALARM_SIGNALS } from '../utils/alarm-signal';
import { AUDIO_PAUSE_MS } from '../utils/audio-pause';
import { AlarmSoundController } from './alarm-sound-controller';

const now = Date.parse('2026-11-25T10:00:00.000Z');
const high = anAlert({ id: 'spo2', priority: 'high', state: 'active' });
const medium = anAlert({ id: 'bp', priority: 'medium', state: 'active' });

describe('AlarmSoundController', () => {
  let context: FakeAudioContext;
  let controller: AlarmSoundController;

  function startWith(state: AudioContextState = 'running') {
    FakeAudioContext.initialState = state;
    controller = new AlarmSoundController(() => {
      context = new FakeAudioContext();
      return context as unknown as AudioContext;
    });
    controller.start();
  }

  const soundingPitches = () => new Set(context.pendingPulses().map((pulse) => pulse.frequencyHz));

  beforeEach(() => {
    jest.useFakeTimers({ now });
  });

  afterEach(() => {
    controller.stop();
    jest.useRealTimers();
  });

  it('sounds the highest priority among the active alerts', () => {
    startWith();
    controller.setAlerts([medium, high]);
    expect(soundingPitches()).toEqual(new Set([ALARM_SIGNALS.high.frequencyHz]));
    expect(controller.getSnapshot().audible).toBe('high');
  });

  it('drops to medium once the high alarm is acknowledged, and stops when none remain', () => {
    startWith();
    controller.setAlerts([medium, high]);
    controller.setAlerts([medium, { ...high, state: 'acknowledged' }]);
    expect(soundingPitches()).toEqual(new Set([ALARM_SIGNALS.medium.frequencyHz]));
    controller.setAlerts([]);
    expect(context.pendingPulses()).toEqual([]);
    expect(controller.getSnapshot().audible).toBeNull();
  });

  it('reports a context the autoplay policy holds, and starts it when asked', () => {
    startWith('suspended');
    expect(controller.getSnapshot().status).toBe('blocked');
    controller.enable();
    expect(context.resume).toHaveBeenCalled();
    expect(controller.getSnapshot().status).toBe('on');
  });

  it('starts a held context on any key press or click on the page', () => {
    startWith('suspended');
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab' }));
    expect(context.resume).toHaveBeenCalledTimes(1);
    expect(controller.getSnapshot().status).toBe('on');
  });

  it('reports when the browser suspends the context later', () => {
    startWith();
    context.changeState('suspended');
    expect(controller.getSnapshot().status).toBe('blocked');
  });

  it('says so when the browser has no Web Audio', () => {
    controller = new AlarmSoundController(() => null);
    controller.start();
    expect(controller.getSnapshot().status).toBe('unsupported');
  });

  it('pauses the sound for two minutes, then sounds again by itself', () => {
    startWith();
    controller.setAlerts([high]);
    controller.pauseAudio(now);
    expect(context.pendingPulses()).toEqual([]);
    expect(controller.getSnapshot().pause?.until).toBe(now + AUDIO_PAUSE_MS);

    jest.advanceTimersByTime(AUDIO_PAUSE_MS - 1_000);
    expect(context.pendingPulses()).toEqual([]);
    jest.advanceTimersByTime(1_000);
    expect(controller.getSnapshot().pause).toBeNull();
    expect(soundingPitches()).toEqual(new Set([ALARM_SIGNALS.high.frequencyHz]));
  });

  it('sounds again at once when the pause is cancelled', () => {
    startWith();
    controller.setAlerts([medium]);
    controller.pauseAudio(now);
    controller.cancelPause();
    expect(controller.getSnapshot().pause).toBeNull();
    expect(soundingPitches()).toEqual(new Set([ALARM_SIGNALS.medium.frequencyHz]));
  });

  it('ends the pause when a new alarm is raised during it', () => {
    startWith();
    controller.setAlerts([medium]);
    controller.pauseAudio(now);
    controller.setAlerts([medium]);
    expect(controller.getSnapshot().pause).not.toBeNull();
    controller.setAlerts([medium, high]);
    expect(controller.getSnapshot().pause).toBeNull();
    expect(soundingPitches()).toEqual(new Set([ALARM_SIGNALS.high.frequencyHz]));
  });

  describe('a lost connection to the server', () => {
    it('sounds the medium signal with no alert open, and stops when the server is back', () => {
      startWith();
      controller.setConnectionLost(true);
      expect(soundingPitches()).toEqual(new Set([ALARM_SIGNALS.medium.frequencyHz]));
      expect(controller.getSnapshot()).toMatchObject({ audible: 'medium', connectionLost: true });
      controller.setConnectionLost(false);
      expect(context.pendingPulses()).toEqual([]);
      expect(controller.getSnapshot()).toMatchObject({ audible: null, connectionLost: false });
    });

    it('keeps sounding the high alarm the screen already knows of', () => {
      startWith();
      controller.setAlerts([high]);
      controller.setConnectionLost(true);
      expect(soundingPitches()).toEqual(new Set([ALARM_SIGNALS.high.frequencyHz]));
    });

    it('ends an audio pause when it begins during it', () => {
      startWith();
      controller.setAlerts([medium]);
      controller.pauseAudio(now);
      controller.setConnectionLost(true);
      expect(controller.getSnapshot().pause).toBeNull();
      expect(soundingPitches()).toEqual(new Set([ALARM_SIGNALS.medium.frequencyHz]));
    });

    it('is silenced by an audio pause begun while it sounds, until the pause ends', () => {
      startWith();
      controller.setConnectionLost(true);
      controller.pauseAudio(now);
      expect(context.pendingPulses()).toEqual([]);
      controller.setAlerts([]);
      expect(controller.getSnapshot().pause).not.toBeNull();
      jest.advanceTimersByTime(AUDIO_PAUSE_MS);
      expect(soundingPitches()).toEqual(new Set([ALARM_SIGNALS.medium.frequencyHz]));
    });
  });

  describe('reminders', () => {
    const acknowledged = anAlert({ id: 'spo2', priority: 'high', state: 'acknowledged' });
    const reminded = { ...acknowledged, remindedAt: '2026-11-25T10:05:00.000Z' };
    const highPulses = () =>
      context
        .pendingPulses()
        .filter((pulse) => pulse.frequencyHz === ALARM_SIGNALS.high.frequencyHz);

    it('plays one high burst when the server reminds of an acknowledged high alarm', () => {
      startWith();
      controller.setAlerts([acknowledged]);
      expect(context.pendingPulses()).toEqual([]);
      controller.setAlerts([reminded]);
      expect(highPulses()).toHaveLength(10);
      context.advance(5);
      jest.advanceTimersByTime(60_000);
      expect(context.pendingPulses()).toEqual([]);
      // The same reminder again (a resynchronisation) is not a new one.
      controller.setAlerts([reminded]);
      expect(context.pendingPulses()).toEqual([]);
      expect(controller.getSnapshot().audible).toBeNull();
    });

    it('stays silent for a reminder while audio is paused, and after the pause', () => {
      startWith();
      controller.setAlerts([acknowledged]);
      controller.pauseAudio(now);
      controller.setAlerts([reminded]);
      expect(context.pendingPulses()).toEqual([]);
      jest.advanceTimersByTime(AUDIO_PAUSE_MS);
      expect(controller.getSnapshot().pause).toBeNull();
      expect(context.pendingPulses()).toEqual([]);
    });

    it('cuts a reminder that is sounding when audio is paused', () => {
      startWith();
      controller.setAlerts([acknowledged]);
      controller.setAlerts([reminded]);
      context.advance(0.3);
      controller.pauseAudio(now);
      expect(context.pendingPulses()).toEqual([]);
    });

    it('plays no late reminder while the browser holds the sound back', () => {
      startWith('suspended');
      controller.setAlerts([acknowledged]);
      controller.setAlerts([reminded]);
      controller.enable();
      expect(controller.getSnapshot().status).toBe('on');
      expect(context.pendingPulses()).toEqual([]);
    });
  });

  it('tells its subscribers of every change', () => {
    startWith();
    const listener = jest.fn();
    controller.subscribe(listener);
    controller.setAlerts([high]);
    controller.pauseAudio(now);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('closes its context and stops listening for gestures when stopped', () => {
    startWith('suspended');
    controller.stop();
    expect(context.close).toHaveBeenCalled();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab' }));
    expect(context.resume).not.toHaveBeenCalled();
  });
});
