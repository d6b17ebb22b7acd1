import fc from 'fast-check';
import {
  decideAlert,
  newerAlert,
  type AlertCommand,
  type AlertDecision,
  type AlertFacts,
} from './alert-commands';
import { ALERT_PRIORITIES, ALERT_RESOLVED_REASONS, ALERT_STATES } from './alert.types';

const RAISED_AT = '2025-01-01T10:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(RAISED_AT) + seconds * 1000).toISOString();

const open: AlertFacts = {
  code: 'SPO2_LOW',
  kind: 'physiological',
  priority: 'medium',
  state: 'active',
  message: 'SpO2 92 < 94',
  value: 92,
  threshold: 94,
  raisedAt: RAISED_AT,
  acknowledgedAt: null,
  remindedAt: null,
  escalationLevel: 0,
  revision: 0,
};
const acknowledged: AlertFacts = { ...open, state: 'acknowledged', acknowledgedAt: at(30) };
const resolved: AlertFacts = { ...open, state: 'resolved' };

const acknowledge: AlertCommand = { type: 'acknowledge', by: 'nurse', at: at(20), note: null };
const toHigh: AlertCommand = {
  type: 'upgrade',
  priority: 'high',
  value: 84,
  threshold: 90,
  message: 'SpO2 84 < 90',
};

function changes(decision: AlertDecision) {
  if (decision.outcome !== 'change') throw new Error(`refused: ${decision.refusal}`);
  return decision;
}

describe('alert commands', () => {
  it('acknowledges an active alert once; a second acknowledgement is refused', () => {
    const first = changes(decideAlert(open, acknowledge));
    expect(first.changes).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'nurse' });
    expect(first.audit.map((note) => note.action)).toEqual(['alert.acknowledged']);
    expect(decideAlert({ ...open, ...first.changes }, acknowledge)).toEqual({
      outcome: 'refused',
      refusal: 'acknowledged',
      state: 'acknowledged',
    });
  });

  it('refuses an acknowledgement of the milder alert once it has worsened', () => {
    const high: AlertFacts = { ...open, priority: 'high' };
    expect(decideAlert(high, { ...acknowledge, seenPriority: 'medium' })).toEqual({
      outcome: 'refused',
      refusal: 'worsened',
      state: 'active',
    });
    expect(decideAlert(high, { ...acknowledge, seenPriority: 'high' }).outcome).toBe('change');
    expect(decideAlert(high, acknowledge).outcome).toBe('change');
  });

  it('closes a clinical alert with its acknowledgement, in one change audited twice', () => {
    const clinical: AlertFacts = { ...open, kind: 'clinical', code: 'SIDE_EFFECT_SEVERE' };
    const decision = changes(decideAlert(clinical, acknowledge));
    expect(decision.changes).toMatchObject({
      state: 'resolved',
      resolvedReason: 'acknowledged',
      acknowledgedBy: 'nurse',
    });
    expect(decision.audit.map((note) => note.action)).toEqual([
      'alert.acknowledged',
      'alert.resolved',
    ]);
  });

  it('never changes a resolved alert: no acknowledgement after its resolution', () => {
    const commands = fc.constantFrom<AlertCommand>(
      acknowledge,
      toHigh,
      { type: 'repeat', event: 'agitation' },
      { type: 'rewrite', value: 80, threshold: 90, message: 'SpO2 80 < 90' },
      { type: 'remind', at: at(3600), everyMs: 1 },
      { type: 'escalate', at: at(3600), afterMs: 1, level: 1 },
      { type: 'resolve', at: at(10), reason: 'cleared' },
    );
    fc.assert(
      fc.property(commands, (command) => {
        expect(decideAlert(resolved, command)).toMatchObject({
          outcome: 'refused',
          refusal: 'resolved',
        });
      }),
    );
  });

  it('makes an acknowledged alert that worsens to high active again', () => {
    const decision = changes(decideAlert(acknowledged, toHigh));
    expect(decision.changes).toMatchObject({
      priority: 'high',
      state: 'active',
      acknowledgedAt: null,
      acknowledgedBy: null,
      message: 'SpO2 84 < 90',
    });
    expect(decision.audit[0]).toMatchObject({
      action: 'alert.upgraded',
      detail: { from: 'medium', to: 'high', reactivated: true },
    });
  });

  it('only ever raises the priority', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALERT_PRIORITIES),
        fc.constantFrom(...ALERT_PRIORITIES),
        (from, to) => {
          const decision = decideAlert({ ...open, priority: from }, { ...toHigh, priority: to });
          const rank = { low: 0, medium: 1, high: 2 };
          expect(decision.outcome).toBe(rank[to] > rank[from] ? 'change' : 'refused');
        },
      ),
    );
  });

  it('counts a repeated severe event and makes the clinical alert active again', () => {
    const clinical: AlertFacts = {
      ...acknowledged,
      kind: 'clinical',
      code: 'SIDE_EFFECT_SEVERE',
      value: 1,
    };
    const decision = changes(decideAlert(clinical, { type: 'repeat', event: 'agitation' }));
    expect(decision.changes).toMatchObject({ value: 2, state: 'active', acknowledgedBy: null });
    expect(decision.changes.message).toContain('agitation');
    expect(decision.audit[0]).toMatchObject({ action: 'alert.repeated' });
  });

  it('rewrites the message unaudited, and only when it says something new', () => {
    const rewrite: AlertCommand = {
      type: 'rewrite',
      value: 88,
      threshold: 94,
      message: 'SpO2 90 < 94, lowest 88',
    };
    expect(changes(decideAlert(open, rewrite)).audit).toEqual([]);
    expect(
      decideAlert(open, { type: 'rewrite', value: 92, threshold: 94, message: open.message }),
    ).toMatchObject({ outcome: 'refused', refusal: 'unchanged' });
  });

  it('escalates an unacknowledged medium or high alert once, when due', () => {
    const escalate = (afterS: number, now: number, level = 1): AlertCommand => ({
      type: 'escalate',
      at: at(now),
      afterMs: afterS * 1000,
      level,
    });
    expect(decideAlert(open, escalate(180, 179))).toMatchObject({ refusal: 'not-due' });
    const decision = changes(decideAlert(open, escalate(180, 180)));
    expect(decision.changes).toEqual({ escalationLevel: 1 });
    expect(decideAlert({ ...open, escalationLevel: 1 }, escalate(180, 999))).toMatchObject({
      refusal: 'not-due',
    });
    expect(decideAlert(acknowledged, escalate(180, 999))).toMatchObject({ refusal: 'not-due' });
    expect(decideAlert({ ...open, priority: 'low' }, escalate(180, 999))).toMatchObject({
      refusal: 'not-due',
    });
  });

  it('escalates one step at a time: the second step only from the first, each once', () => {
    const second = (now: number): AlertCommand => ({
      type: 'escalate',
      at: at(now),
      afterMs: 480_000,
      level: 2,
    });
    expect(decideAlert(open, second(999))).toMatchObject({ refusal: 'not-due' });
    expect(decideAlert({ ...open, escalationLevel: 1 }, second(479))).toMatchObject({
      refusal: 'not-due',
    });
    const decision = changes(decideAlert({ ...open, escalationLevel: 1 }, second(480)));
    expect(decision.changes).toEqual({ escalationLevel: 2 });
    expect(decision.audit).toEqual([
      { action: 'alert.escalated', detail: expect.objectContaining({ level: 2 }) },
    ]);
    expect(decideAlert({ ...open, escalationLevel: 2 }, second(9999))).toMatchObject({
      refusal: 'not-due',
    });
  });

  it('reminds of an acknowledged alert once per period, counted from the last reminder', () => {
    const remind = (now: number): AlertCommand => ({
      type: 'remind',
      at: at(now),
      everyMs: 300_000,
    });
    expect(decideAlert(acknowledged, remind(329))).toMatchObject({ refusal: 'not-due' });
    const first = changes(decideAlert(acknowledged, remind(330)));
    expect(first.changes).toEqual({ remindedAt: at(330) });
    expect(first.audit[0]?.action).toBe('alert.reminded');
    const reminded = { ...acknowledged, ...first.changes };
    expect(decideAlert(reminded, remind(629))).toMatchObject({ refusal: 'not-due' });
    expect(decideAlert(open, remind(9999))).toMatchObject({ refusal: 'not-due' });
  });

  it('resolves an open alert, acknowledged or not, with its reason', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALERT_STATES.filter((state) => state !== 'resolved')),
        fc.constantFrom(...ALERT_RESOLVED_REASONS),
        (state, reason) => {
          const decision = changes(
            decideAlert({ ...open, state }, { type: 'resolve', at: at(60), reason }),
          );
          expect(decision.changes).toEqual({
            state: 'resolved',
            resolvedAt: at(60),
            resolvedReason: reason,
          });
          expect(decision.audit).toEqual([
            { action: 'alert.resolved', detail: { code: 'SPO2_LOW', reason } },
          ]);
        },
      ),
    );
  });

  it('keeps the copy with the higher revision, whatever order the copies arrive in', () => {
    const copies = fc.array(fc.nat({ max: 50 }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(copies, (revisions) => {
        const kept = revisions
          .map((revision) => ({ id: 'a', revision }))
          .reduce<{ id: string; revision: number } | undefined>(newerAlert, undefined);
        expect(kept?.revision).toBe(Math.max(...revisions));
      }),
    );
  });
});
