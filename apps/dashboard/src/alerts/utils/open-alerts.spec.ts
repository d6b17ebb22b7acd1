import { anAlert } from '../../../test/alert.fixture';
import {
  applyAlertEvent,
  replaceOpenAlerts,
  signalledAlarm,
  sortForInbox,
  type OpenAlerts,
} from './open-alerts';

const ids = (alerts: OpenAlerts) => alerts.map((alert) => alert.id);

describe('open alerts', () => {
  describe('applyAlertEvent', () => {
    it('adds a raised alert', () => {
      const open = applyAlertEvent([anAlert({ id: 'a' })], anAlert({ id: 'b' }));
      expect(ids(open)).toEqual(['a', 'b']);
    });

    it('replaces an alert with its upgraded priority, in place', () => {
      const medium = anAlert({ id: 'a', priority: 'medium', message: 'SpO2 92 < 94' });
      const open = applyAlertEvent(
        [medium, anAlert({ id: 'b' })],
        anAlert({ id: 'a', priority: 'high', message: 'SpO2 88 < 90', revision: 2 }),
      );
      expect(ids(open)).toEqual(['a', 'b']);
      expect(open[0]).toMatchObject({ priority: 'high', message: 'SpO2 88 < 90' });
    });

    it('takes an acknowledged alert back to active when it worsens, and keeps it there', () => {
      const acknowledged = anAlert({
        id: 'a',
        priority: 'medium',
        state: 'acknowledged',
        revision: 2,
      });
      const worse = anAlert({ id: 'a', priority: 'high', state: 'active', revision: 3 });
      const open = applyAlertEvent([acknowledged], worse);
      expect(open[0]).toMatchObject({ priority: 'high', state: 'active' });
      // The milder acknowledged copy, replayed late, is the older one.
      expect(applyAlertEvent(open, acknowledged)[0]).toMatchObject({
        priority: 'high',
        state: 'active',
      });
    });

    it('takes an acknowledgement and an escalation', () => {
      const acknowledged = anAlert({
        id: 'a',
        state: 'acknowledged',
        acknowledgedBy: 'nurse',
        escalationLevel: 1,
        revision: 3,
      });
      let open = applyAlertEvent(
        [anAlert({ id: 'a' })],
        anAlert({ id: 'a', escalationLevel: 1, revision: 2 }),
      );
      open = applyAlertEvent(open, acknowledged);
      expect(open).toEqual([acknowledged]);
    });

    it('removes a resolved alert', () => {
      const open = applyAlertEvent(
        [anAlert({ id: 'a' }), anAlert({ id: 'b' })],
        anAlert({ id: 'a', state: 'resolved', revision: 2 }),
      );
      expect(ids(open)).toEqual(['b']);
    });

    it('does not add an alert that arrives already resolved', () => {
      const open: OpenAlerts = [anAlert({ id: 'a' })];
      expect(applyAlertEvent(open, anAlert({ id: 'b', state: 'resolved' }))).toBe(open);
    });

    it('ignores a copy older than the one held (it would roll the screen back)', () => {
      const held = anAlert({ id: 'a', state: 'acknowledged', priority: 'high', revision: 3 });
      expect(applyAlertEvent([held], anAlert({ id: 'a', state: 'active', revision: 2 }))).toEqual([
        held,
      ]);
      expect(
        applyAlertEvent([held], anAlert({ id: 'a', priority: 'medium', revision: 1 })),
      ).toEqual([held]);
    });

    it('keeps the newest message when an older rewrite arrives late', () => {
      const worse = anAlert({
        id: 'a',
        message: 'SpO2 78 < 90, lowest 72',
        value: 78,
        revision: 4,
      });
      const earlier = anAlert({ id: 'a', message: 'SpO2 86 < 90', value: 86, revision: 3 });
      expect(applyAlertEvent([worse], earlier)).toEqual([worse]);
      expect(replaceOpenAlerts([earlier], [worse])).toEqual([worse]);
      expect(replaceOpenAlerts([worse, earlier])).toEqual([worse]);
    });

    it('takes a reminder, and never goes back to an earlier one', () => {
      const acknowledged = anAlert({ id: 'a', state: 'acknowledged', revision: 2 });
      const reminded = { ...acknowledged, remindedAt: '2026-11-25T10:20:00.000Z', revision: 3 };
      const remindedAgain = {
        ...acknowledged,
        remindedAt: '2026-11-25T10:25:00.000Z',
        revision: 4,
      };
      expect(applyAlertEvent([acknowledged], reminded)).toEqual([reminded]);
      expect(applyAlertEvent([reminded], remindedAgain)).toEqual([remindedAgain]);
      expect(applyAlertEvent([remindedAgain], reminded)).toEqual([remindedAgain]);
      expect(applyAlertEvent([reminded], acknowledged)).toEqual([reminded]);
    });
  });

  describe('replaceOpenAlerts', () => {
    it('replaces whatever was held with the server’s open alerts', () => {
      const fetched = [anAlert({ id: 'b' }), anAlert({ id: 'c', state: 'acknowledged' })];
      expect(replaceOpenAlerts(fetched)).toEqual(fetched);
    });

    it('drops resolved alerts and keeps one copy of an alert both requests returned', () => {
      const open = replaceOpenAlerts([
        anAlert({ id: 'a' }),
        anAlert({ id: 'x', state: 'resolved' }),
        anAlert({ id: 'a', state: 'acknowledged', revision: 2 }),
      ]);
      expect(open).toEqual([anAlert({ id: 'a', state: 'acknowledged', revision: 2 })]);
    });

    it('replays the events that arrived while the request was in flight', () => {
      const open = replaceOpenAlerts(
        [anAlert({ id: 'a' }), anAlert({ id: 'b' })],
        [
          anAlert({ id: 'a', state: 'resolved', revision: 2 }),
          anAlert({ id: 'c', priority: 'low' }),
          // Already reflected by the answer: no change, no duplicate.
          anAlert({ id: 'b' }),
        ],
      );
      expect(ids(open)).toEqual(['b', 'c']);
    });
  });

  it('sorts the inbox by priority, then the oldest first', () => {
    const sorted = sortForInbox([
      anAlert({ id: 'low-old', priority: 'low', raisedAt: '2026-11-25T10:00:00.000Z' }),
      anAlert({ id: 'high-new', priority: 'high', raisedAt: '2026-11-25T10:05:00.000Z' }),
      anAlert({ id: 'medium', priority: 'medium', raisedAt: '2026-11-25T10:01:00.000Z' }),
      anAlert({ id: 'high-old', priority: 'high', raisedAt: '2026-11-25T10:02:00.000Z' }),
    ]);
    expect(ids(sorted)).toEqual(['high-old', 'high-new', 'medium', 'low-old']);
  });

  describe('signalledAlarm', () => {
    it('is the highest priority open alert', () => {
      const alarm = signalledAlarm([
        anAlert({ id: 'low', priority: 'low' }),
        anAlert({ id: 'high', priority: 'high', state: 'acknowledged' }),
        anAlert({ id: 'medium', priority: 'medium' }),
      ]);
      expect(alarm?.id).toBe('high');
    });

    it('prefers an unacknowledged alert at the same priority', () => {
      const alarm = signalledAlarm([
        anAlert({ id: 'acked', state: 'acknowledged', raisedAt: '2026-11-25T10:00:00.000Z' }),
        anAlert({ id: 'active', raisedAt: '2026-11-25T10:05:00.000Z' }),
      ]);
      expect(alarm?.id).toBe('active');
    });

    it('is undefined without open alerts', () => {
      expect(signalledAlarm([])).toBeUndefined();
    });
  });
});
