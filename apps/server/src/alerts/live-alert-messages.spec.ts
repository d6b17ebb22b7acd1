import { DEFAULT_THRESHOLD_PROFILE } from '@vigil/shared';
import { LIVE_MESSAGE_INTERVAL_MS, LiveAlertMessages } from './live-alert-messages';

const RULES = DEFAULT_THRESHOLD_PROFILE.rules;
const T0 = Date.parse('2026-11-25T10:00:00.000Z');
const SPO2_ALERT = {
  id: 'a1',
  sessionId: 's1',
  code: 'SPO2_LOW' as const,
  value: 88,
  threshold: 90,
};

describe('live alert messages', () => {
  it('rewrites the message at once when the value worsens: "SpO2 88 < 90" does not stay while SpO2 is 75', () => {
    const live = new LiveAlertMessages();
    live.track(SPO2_ALERT, T0);
    expect(live.observe('s1', [{ spo2: 75 }], RULES, 30, T0 + 100)).toEqual([
      { id: 'a1', value: 75, threshold: 90, message: 'SpO2 75 < 90' },
    ]);
  });

  it('shows the current and the worst value, rewriting a better current value at a bounded rate', () => {
    const live = new LiveAlertMessages();
    live.track(SPO2_ALERT, T0);
    live.observe('s1', [{ spo2: 72 }], RULES, 30, T0 + 1_000);
    expect(live.observe('s1', [{ spo2: 78 }], RULES, 30, T0 + 2_000)).toEqual([]);
    expect(
      live.observe('s1', [{ spo2: 78 }], RULES, 30, T0 + 1_000 + LIVE_MESSAGE_INTERVAL_MS),
    ).toEqual([{ id: 'a1', value: 72, threshold: 90, message: 'SpO2 78 < 90, lowest 72' }]);
    expect(live.observe('s1', [{ spo2: 78 }], RULES, 30, T0 + 20_000)).toEqual([]);
  });

  it('takes the worst of the sources heard lately as the value now: a reassuring manual entry does not hide the monitor', () => {
    const live = new LiveAlertMessages();
    live.track(SPO2_ALERT, T0);
    live.observe('s1', [{ spo2: 80, source: 'monitor' }], RULES, 30, T0 + 1_000);
    expect(live.observe('s1', [{ spo2: 98, source: 'manual' }], RULES, 30, T0 + 10_000)).toEqual(
      [],
    );
    const later = T0 + 40_000;
    expect(live.observe('s1', [{ spo2: 97, source: 'manual' }], RULES, 30, later)).toEqual([
      { id: 'a1', value: 80, threshold: 90, message: 'SpO2 lowest 80 < 90, now 97' },
    ]);
  });

  it('names the stricter limit of an alert being upgraded: a rewrite never brings the milder one back', () => {
    const live = new LiveAlertMessages();
    live.track(
      { id: 'a2', sessionId: 's1', code: 'SYSTOLIC_HIGH', value: 165, threshold: 160 },
      T0,
    );
    live.retarget('s1', 'SYSTOLIC_HIGH', 180);
    expect(live.observe('s1', [{ systolic: 185 }], RULES, 30, T0 + 200)).toEqual([
      { id: 'a2', value: 185, threshold: 180, message: 'Systolic 185 ≥ 180' },
    ]);
  });

  it('says nothing more of an alert it no longer tracks', () => {
    const live = new LiveAlertMessages();
    live.track(SPO2_ALERT, T0);
    live.untrack('s1', 'SPO2_LOW');
    expect(live.observe('s1', [{ spo2: 70 }], RULES, 30, T0 + 1_000)).toEqual([]);
    live.track(SPO2_ALERT, T0);
    live.forget('s1');
    expect(live.observe('s1', [{ spo2: 70 }], RULES, 30, T0 + 1_000)).toEqual([]);
  });
});
