import type { Alert } from '@vigil/shared';
import { anAlert } from '../../../test/alert.fixture';
import { type KnownReminders, type ReminderContext, reminderSignal } from './alarm-reminder';

const FIRST = '2026-11-25T10:20:00.000Z';
const SECOND = '2026-11-25T10:25:00.000Z';
const quiet: ReminderContext = { paused: false, sounding: null };

const acknowledged = (overrides: Partial<Alert> = {}) =>
  anAlert({ id: 'spo2', state: 'acknowledged', acknowledgedBy: 'nurse', ...overrides });

/** What the decision knows after it has seen `alerts` once. */
const knownAfter = (alerts: readonly Alert[]): KnownReminders =>
  reminderSignal(new Map(), alerts, quiet).known;

describe('reminderSignal', () => {
  it('plays one burst of the alert’s priority when its reminder time moves on', () => {
    const known = knownAfter([acknowledged({ priority: 'high' })]);
    const reminded = acknowledged({ priority: 'high', remindedAt: FIRST });
    expect(reminderSignal(known, [reminded], quiet).burst).toBe('high');

    const mediumKnown = knownAfter([acknowledged({ priority: 'medium', remindedAt: FIRST })]);
    const remindedAgain = acknowledged({ priority: 'medium', remindedAt: SECOND });
    expect(reminderSignal(mediumKnown, [remindedAgain], quiet).burst).toBe('medium');
  });

  it('plays a reminder once: the same reminder seen again is silent', () => {
    const reminded = [acknowledged({ remindedAt: FIRST })];
    const first = reminderSignal(knownAfter([acknowledged()]), reminded, quiet);
    expect(first.burst).toBe('high');
    expect(reminderSignal(first.known, reminded, quiet).burst).toBeNull();
  });

  it('says nothing of an alert seen for the first time, reminded or not (a screen loading)', () => {
    const decision = reminderSignal(new Map(), [acknowledged({ remindedAt: FIRST })], quiet);
    expect(decision.burst).toBeNull();
    expect(decision.known.get('spo2')).toBe(FIRST);
  });

  it('never sounds an older copy, and keeps the newest time it has seen', () => {
    const known = knownAfter([acknowledged({ remindedAt: SECOND })]);
    const older = reminderSignal(known, [acknowledged({ remindedAt: FIRST })], quiet);
    expect(older.burst).toBeNull();
    expect(older.known.get('spo2')).toBe(SECOND);
    expect(reminderSignal(older.known, [acknowledged({ remindedAt: SECOND })], quiet).burst).toBe(
      null,
    );
  });

  it('stays silent while audio is paused, and does not sound that reminder after the pause', () => {
    const paused = reminderSignal(
      knownAfter([acknowledged()]),
      [acknowledged({ remindedAt: FIRST })],
      {
        paused: true,
        sounding: null,
      },
    );
    expect(paused.burst).toBeNull();
    expect(reminderSignal(paused.known, [acknowledged({ remindedAt: FIRST })], quiet).burst).toBe(
      null,
    );
  });

  it('does not sound a low-priority reminder: low alarms are shown, not sounded', () => {
    const known = knownAfter([acknowledged({ priority: 'low', code: 'BP_OVERDUE' })]);
    const reminded = acknowledged({ priority: 'low', code: 'BP_OVERDUE', remindedAt: FIRST });
    expect(reminderSignal(known, [reminded], quiet).burst).toBeNull();
  });

  it('ignores a reminder time on an alert that is not acknowledged', () => {
    const known = knownAfter([acknowledged()]);
    const active = anAlert({ id: 'spo2', state: 'active', remindedAt: FIRST });
    expect(reminderSignal(known, [active], quiet).burst).toBeNull();
  });

  it('plays one burst, of the highest priority, for reminders that arrive together', () => {
    const known = knownAfter([
      acknowledged({ id: 'bp', priority: 'medium' }),
      acknowledged({ id: 'spo2', priority: 'high' }),
    ]);
    const decision = reminderSignal(
      known,
      [
        acknowledged({ id: 'bp', priority: 'medium', remindedAt: FIRST }),
        acknowledged({ id: 'spo2', priority: 'high', remindedAt: FIRST }),
      ],
      quiet,
    );
    expect(decision.burst).toBe('high');
  });

  it('leaves it to a signal of the same or higher priority already sounding, not to a lower one', () => {
    const known = knownAfter([acknowledged({ priority: 'medium' })]);
    const reminded = [acknowledged({ priority: 'medium', remindedAt: FIRST })];
    expect(reminderSignal(known, reminded, { paused: false, sounding: 'high' }).burst).toBeNull();
    expect(reminderSignal(known, reminded, { paused: false, sounding: 'medium' }).burst).toBeNull();

    const highKnown = knownAfter([acknowledged({ priority: 'high' })]);
    const highReminded = [acknowledged({ priority: 'high', remindedAt: FIRST })];
    expect(
      reminderSignal(highKnown, highReminded, { paused: false, sounding: 'medium' }).burst,
    ).toBe('high');
  });

  it('still knows an alert that was missing from one list, and sounds its newer reminder', () => {
    const known = knownAfter([acknowledged()]);
    const without = reminderSignal(known, [], quiet);
    expect(reminderSignal(without.known, [acknowledged({ remindedAt: FIRST })], quiet).burst).toBe(
      'high',
    );
  });
});
