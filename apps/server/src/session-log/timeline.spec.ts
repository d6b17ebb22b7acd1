import {
  ALERT_CODES,
  CONTRAINDICATION_CODES,
  INTERVENTION_KINDS,
  SIDE_EFFECT_CODES,
  type AuditEntry,
} from '@vigil/shared';
import { isTimelineEntry, timelineEvents, usernamesIn } from './timeline';

const entry = (action: string, detail: Record<string, unknown>): AuditEntry => ({
  seq: 1,
  at: '2026-12-01T10:20:00.000Z',
  actor: 'nurse',
  role: 'nurse',
  action,
  entity: 'session',
  entityId: 's-1',
  sessionId: 's-1',
  detail,
  hash: 'h',
  prevHash: 'p',
});

const summaryOf = (action: string, detail: Record<string, unknown>): string => {
  const [event] = timelineEvents([entry(action, detail)]);
  if (!event) throw new Error(`${action} is not a timeline event`);
  return event.summary;
};

/** A code as programs write it: upper case with underscores, or lower case with hyphens. */
const CODE_SHAPED = /\b[A-Z0-9]+_[A-Z0-9_]+\b|\b[a-z]+-[a-z-]+\b/;

describe('the session timeline', () => {
  it('names each score as clinicians write it: CADSS-6 for the short form', () => {
    expect(
      summaryOf('observation.recorded', {
        type: 'dissociation',
        severity: 'mild',
        scores: { cadss: 20, cadss6: 7, moaas: 4 },
      }),
    ).toBe('Dissociation (mild) · CADSS 20, CADSS-6 7, MOAAS 4');
  });

  it('words the assessment’s flags, never their codes', () => {
    expect(summaryOf('session.assess', { flags: ['UNCONTROLLED_HYPERTENSION'] })).toBe(
      'Assessment: 1 flag(s): Uncontrolled hypertension',
    );
    expect(summaryOf('session.assess', { flags: ['HYPERTENSION_SYSTOLIC', 'SLEEP_APNOEA'] })).toBe(
      'Assessment: 2 flag(s): Baseline systolic pressure too high; Sleep apnoea',
    );
    for (const code of CONTRAINDICATION_CODES) {
      expect(summaryOf('session.assess', { flags: [code] })).not.toMatch(CODE_SHAPED);
    }
  });

  it('words the flags a physician’s override covers', () => {
    expect(
      summaryOf('session.override', {
        reason: 'CPAP on, anaesthetist present',
        flags: ['SLEEP_APNOEA', 'AIRWAY_RISK'],
      }),
    ).toBe('Physician override of Sleep apnoea; Airway risk: CPAP on, anaesthetist present');
    expect(summaryOf('session.override', { reason: 'reviewed' })).toBe(
      'Physician override: reviewed',
    );
  });

  it('words every side effect and every kind of intervention', () => {
    expect(
      summaryOf('observation.recorded', { type: 'visual-disturbance', severity: 'moderate' }),
    ).toBe('Visual disturbance (moderate)');
    for (const type of SIDE_EFFECT_CODES) {
      expect(summaryOf('observation.recorded', { type, severity: 'mild' })).not.toMatch(
        CODE_SHAPED,
      );
    }
    expect(
      summaryOf('intervention.recorded', { kind: 'medication', detail: 'midazolam 1 mg' }),
    ).toBe('Medication given: midazolam 1 mg');
    for (const kind of INTERVENTION_KINDS) {
      expect(summaryOf('intervention.recorded', { kind, detail: 'done' })).not.toMatch(CODE_SHAPED);
    }
  });

  it('words every alert code, with or without a message, and what happened to the alert', () => {
    expect(summaryOf('alert.raised', { code: 'SPO2_LOW', message: 'SpO2 86 < 90' })).toBe(
      'SpO2 low alert raised: SpO2 86 < 90',
    );
    expect(
      summaryOf('alert.acknowledged', {
        code: 'SPO2_LOW',
        priority: 'high',
        note: 'probe re-sited',
        from: 'Ward desk',
      }),
    ).toBe('SpO2 low alert acknowledged from Ward desk: probe re-sited');
    expect(summaryOf('alert.resolved', { code: 'BP_OVERDUE', reason: 'session-ended' })).toBe(
      'Blood pressure overdue alert resolved: the session ended',
    );
    expect(summaryOf('alert.escalated', { code: 'HR_HIGH', priority: 'high', level: 1 })).toBe(
      'Heart rate high alert escalated to the supervising physician',
    );
    expect(
      summaryOf('alert.upgraded', {
        code: 'SYSTOLIC_HIGH',
        from: 'medium',
        to: 'high',
        value: 184,
      }),
    ).toBe('Systolic high alert upgraded from medium to high priority');
    expect(
      summaryOf('alert.routed', {
        code: 'SPO2_LOW',
        level: 0,
        recipients: [{ userId: 'u-1', role: 'nurse', level: 0 }],
      }),
    ).toBe('SpO2 low alert sent to 1 clinician');
    for (const code of ALERT_CODES) {
      for (const action of [
        'alert.raised',
        'alert.acknowledged',
        'alert.reminded',
        'alert.escalated',
        'alert.resolved',
        'alert.routed',
        'alert.seen',
      ]) {
        expect(summaryOf(action, { code, reason: 'cleared', level: 2 })).not.toMatch(CODE_SHAPED);
      }
    }
  });

  it('never names a person by an id', () => {
    const summary = summaryOf('alert.routed', {
      code: 'SPO2_LOW',
      level: 1,
      recipients: [
        { userId: '6f1c2a9e-0b7d-4c1e-9a51-3f1b7c2d8e40', role: 'physician', level: 1 },
        { userId: '0d6e0a31-5b2f-4b0e-8f7a-2c9d1e4b6a17', role: 'physician', level: 1 },
      ],
    });
    expect(summary).toBe('SpO2 low alert sent to 2 clinicians');
  });

  describe('people by their names', () => {
    const names = new Map([
      ['dayphysician', 'Dr Pat Okafor'],
      ['daynurse', 'Sam Rivera'],
    ]);
    const signed = { ...entry('session.order', { doseMgPerKg: 0.5 }), actor: 'dayphysician' };
    const wasted = {
      ...entry('ketamine.wasted', { mg: 4, witnessedBy: 'dayphysician' }),
      actor: 'daynurse',
    };
    const byMonitor = {
      ...entry('alert.raised', { code: 'SPO2_LOW' }),
      actor: 'device:Bay 1 monitor',
    };

    it('gives the display name beside the username the trail keeps', () => {
      const [event] = timelineEvents([signed], names);
      expect(event).toMatchObject({ actor: 'dayphysician', actorName: 'Dr Pat Okafor' });
    });

    it('names the witness of a waste by their name', () => {
      const [event] = timelineEvents([wasted], names);
      expect(event).toMatchObject({
        actor: 'daynurse',
        actorName: 'Sam Rivera',
        summary: 'Wasted 4 mg, witnessed by Dr Pat Okafor',
      });
    });

    it('keeps the username where no name is known, and gives none to a device', () => {
      expect(timelineEvents([wasted])[0]?.summary).toBe('Wasted 4 mg, witnessed by dayphysician');
      const [event] = timelineEvents([byMonitor], names);
      expect(event?.actor).toBe('device:Bay 1 monitor');
      expect(event).not.toHaveProperty('actorName');
    });

    it('asks for the names of the actors and witnesses of timeline entries only', () => {
      const batch = { ...entry('vitals.accepted', { accepted: 1 }), actor: 'device:Bay 1 monitor' };
      const timeline = [signed, wasted, batch].filter(isTimelineEntry);
      expect(usernamesIn(timeline).sort()).toEqual(['daynurse', 'dayphysician']);
    });
  });
});
