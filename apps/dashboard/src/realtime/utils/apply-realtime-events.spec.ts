import { QueryClient } from '@tanstack/react-query';
import type { Alert, Session, VitalSample } from '@vigil/shared';
import { anAlert } from '../../../test/alert.fixture';
import { aSample, aSession } from '../../../test/session.fixture';
import { queryKeys } from '../../api/query-keys';
import {
  applyAlertEvent,
  applySessionUpdate,
  applyVitalsEvent,
  applyVitalsFrame,
  mergeNewestSession,
} from './apply-realtime-events';
import { worstDelayMs, type DelayReports } from '../../ward/utils/system-delay';

describe('realtime events and the session screen', () => {
  it('keeps what each frame says of Vigil’s own delay, for the ward to show', () => {
    const queryClient = new QueryClient();
    applyVitalsFrame(queryClient, { items: [], delayMs: 240 });
    applyVitalsFrame(queryClient, { items: [], delayMs: 6_100 });
    applyVitalsFrame(queryClient, { items: [] });
    const reports = queryClient.getQueryData<DelayReports>(queryKeys.systemDelay);
    expect(reports?.map((report) => report.delayMs)).toEqual([240, 6_100]);
    expect(worstDelayMs(reports, Date.now())).toBe(6_100);
  });

  it('grows an open session screen’s history with socket samples, in time order', () => {
    const queryClient = new QueryClient();
    const key = queryKeys.sessions.vitals('s-1');
    queryClient.setQueryData<VitalSample[]>(key, [aSample({ at: '2026-11-25T10:00:02.000Z' })]);

    applyVitalsEvent(queryClient, {
      sessionId: 's-1',
      samples: [aSample({ at: '2026-11-25T10:00:01.000Z', heartRate: 80 })],
    });

    expect(queryClient.getQueryData<VitalSample[]>(key)?.map((sample) => sample.at)).toEqual([
      '2026-11-25T10:00:01.000Z',
      '2026-11-25T10:00:02.000Z',
    ]);
  });

  it('moves an open session screen’s latest readings forward, for its header', () => {
    const queryClient = new QueryClient();
    const key = queryKeys.sessions.detail('s-1');
    queryClient.setQueryData<Session>(
      key,
      aSession({
        id: 's-1',
        latestVitals: { heartRate: { value: 72, at: '2026-11-25T10:00:00.000Z' } },
      }),
    );

    applyVitalsEvent(queryClient, {
      sessionId: 's-1',
      samples: [aSample({ at: '2026-11-25T10:00:05.000Z', heartRate: 96, spo2: 91 })],
    });

    const latest = queryClient.getQueryData<Session>(key)?.latestVitals;
    expect(latest?.heartRate?.value).toBe(96);
    expect(latest?.spo2?.value).toBe(91);
    expect(queryClient.getQueryData(queryKeys.sessions.detail('s-2'))).toBeUndefined();
  });

  it('does not create a history for a session whose screen is closed', () => {
    const queryClient = new QueryClient();
    applyVitalsEvent(queryClient, {
      sessionId: 's-2',
      samples: [aSample({ at: '2026-11-25T10:00:01.000Z' })],
    });
    expect(queryClient.getQueryData(queryKeys.sessions.vitals('s-2'))).toBeUndefined();
  });

  it('takes a session.updated event into an open session screen', () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData<Session>(queryKeys.sessions.detail('s-1'), aSession({ id: 's-1' }));

    applySessionUpdate(queryClient, aSession({ id: 's-1', state: 'paused' }));

    expect(queryClient.getQueryData<Session>(queryKeys.sessions.detail('s-1'))?.state).toBe(
      'paused',
    );
  });

  describe('of two copies of a session, the higher revision stands', () => {
    const detail = (queryClient: QueryClient) =>
      queryClient.getQueryData<Session>(queryKeys.sessions.detail('s-1'));
    const ward = (queryClient: QueryClient) =>
      queryClient
        .getQueryData<readonly Session[]>(queryKeys.sessions.live())
        ?.map((session) => `${session.id}:${session.state}`);

    it('never rolls the screen or the ward back for an event that arrives late', () => {
      const queryClient = new QueryClient();
      const paused = aSession({ id: 's-1', state: 'paused', revision: 5 });
      queryClient.setQueryData<Session>(queryKeys.sessions.detail('s-1'), paused);
      queryClient.setQueryData<readonly Session[]>(queryKeys.sessions.live(), [paused]);

      applySessionUpdate(queryClient, aSession({ id: 's-1', state: 'infusing', revision: 4 }));

      expect(detail(queryClient)?.state).toBe('paused');
      expect(ward(queryClient)).toEqual(['s-1:paused']);
    });

    it('never brings back to the ward a session whose end was told first', () => {
      const queryClient = new QueryClient();
      queryClient.setQueryData<readonly Session[]>(queryKeys.sessions.live(), []);
      queryClient.setQueryData<readonly Alert[]>(queryKeys.alerts.open(), []);

      applySessionUpdate(queryClient, aSession({ id: 's-1', state: 'discharged', revision: 9 }));
      applySessionUpdate(queryClient, aSession({ id: 's-1', state: 'recovery', revision: 8 }));

      expect(ward(queryClient)).toEqual([]);
    });

    it('moves a session on the day’s list, and never back', () => {
      const queryClient = new QueryClient();
      const key = queryKeys.sessions.schedule('2026-11-25');
      const other = aSession({ id: 's-2', state: 'scheduled' });
      queryClient.setQueryData<readonly Session[]>(key, [
        aSession({ id: 's-1', state: 'scheduled', order: null, revision: 1 }),
        other,
      ]);

      applySessionUpdate(queryClient, aSession({ id: 's-1', state: 'assessed', revision: 3 }));
      applySessionUpdate(queryClient, aSession({ id: 's-1', state: 'scheduled', revision: 2 }));

      const day = queryClient.getQueryData<readonly Session[]>(key);
      expect(day?.map((session) => `${session.id}:${session.state}`)).toEqual([
        's-1:assessed',
        's-2:scheduled',
      ]);
      expect(day?.[1]).toBe(other);
    });

    it('keeps the later event over a command’s answer that arrives after it', () => {
      const queryClient = new QueryClient();
      queryClient.setQueryData<Session>(queryKeys.sessions.detail('s-1'), aSession({ id: 's-1' }));
      applySessionUpdate(queryClient, aSession({ id: 's-1', state: 'recovery', revision: 7 }));

      expect(
        mergeNewestSession(queryClient, aSession({ id: 's-1', state: 'paused', revision: 6 })),
      ).toBe(false);
      expect(detail(queryClient)?.state).toBe('recovery');
    });
  });

  it('keeps an alert’s newest copy on the session screen when an older one arrives late', () => {
    const queryClient = new QueryClient();
    const key = queryKeys.alerts.ofSession('s-1');
    const resolved = anAlert({ sessionId: 's-1', state: 'resolved', revision: 3 });
    queryClient.setQueryData<readonly Alert[]>(key, [resolved]);

    applyAlertEvent(queryClient, anAlert({ sessionId: 's-1', state: 'active', revision: 2 }));

    expect(queryClient.getQueryData<readonly Alert[]>(key)).toEqual([resolved]);
  });

  describe('a session that ends', () => {
    const mine = anAlert({ id: 'mine', sessionId: 's-1', priority: 'high' });
    const other = anAlert({ id: 'other', sessionId: 's-2', priority: 'medium' });
    const openAlerts = (queryClient: QueryClient) =>
      queryClient.getQueryData<readonly Alert[]>(queryKeys.alerts.open())?.map((alert) => alert.id);

    it.each(['discharged', 'aborted'] as const)(
      'drops its alerts from the sound and the inbox as soon as it is %s',
      (state) => {
        const queryClient = new QueryClient();
        queryClient.setQueryData<readonly Alert[]>(queryKeys.alerts.open(), [mine, other]);
        applySessionUpdate(queryClient, aSession({ id: 's-1', state }));
        expect(openAlerts(queryClient)).toEqual(['other']);
      },
    );

    it('keeps the alerts of a session still in the chair', () => {
      const queryClient = new QueryClient();
      queryClient.setQueryData<readonly Alert[]>(queryKeys.alerts.open(), [mine, other]);
      applySessionUpdate(queryClient, aSession({ id: 's-1', state: 'recovery' }));
      expect(openAlerts(queryClient)).toEqual(['mine', 'other']);
    });

    it('drops an alert the server resolved with the session at once', () => {
      const queryClient = new QueryClient();
      queryClient.setQueryData<readonly Alert[]>(queryKeys.alerts.open(), [mine, other]);
      applyAlertEvent(queryClient, {
        ...mine,
        state: 'resolved',
        resolvedReason: 'session-ended',
        resolvedAt: '2026-11-25T10:50:00.000Z',
      });
      expect(openAlerts(queryClient)).toEqual(['other']);
    });
  });
});
