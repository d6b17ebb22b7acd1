import fc from 'fast-check';
import {
  clinicCalendarDate,
  clinicWallTime,
  CLINIC_WEEKDAYS,
  followUpsAfterDischarge,
} from './follow-up-schedule';

const ZONES = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'UTC', 'Asia/Kolkata'];
const DAY_MS = 24 * 60 * 60_000;
const hourIn = (instant: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
const weekday = (date: string) => new Date(`${date}T00:00:00.000Z`).getUTCDay();

describe('follow-ups after a discharge', () => {
  it('calls at 10:00 clinic time on the next clinic day, and books therapy within 7 days', () => {
    fc.assert(
      fc.property(
        fc.integer({
          min: Date.parse('2026-01-01T00:00:00Z'),
          max: Date.parse('2028-12-31T00:00:00Z'),
        }),
        fc.constantFrom(...ZONES),
        (dischargedAt, zone) => {
          const [call, therapy] = followUpsAfterDischarge(dischargedAt, zone);
          const discharged = clinicCalendarDate(dischargedAt, zone);
          for (const task of [call, therapy]) {
            expect(hourIn(task.dueAt, zone)).toBe('10:00');
            expect(CLINIC_WEEKDAYS).toContain(
              weekday(clinicCalendarDate(Date.parse(task.dueAt), zone)),
            );
          }
          const callDate = clinicCalendarDate(Date.parse(call.dueAt), zone);
          expect(callDate > discharged).toBe(true);
          const gapDays = (Date.parse(callDate) - Date.parse(discharged)) / DAY_MS;
          expect(gapDays).toBeLessThanOrEqual(3);
          const therapyDate = clinicCalendarDate(Date.parse(therapy.dueAt), zone);
          expect(therapyDate > discharged).toBe(true);
          expect((Date.parse(therapyDate) - Date.parse(discharged)) / DAY_MS).toBeLessThanOrEqual(
            7,
          );
          expect(call.kind).toBe('next-day-call');
          expect(therapy.kind).toBe('integration-therapy');
        },
      ),
    );
  });

  it('is due on Monday after a Friday evening discharge, across the change to summer time', () => {
    const friday = Date.parse('2026-03-27T18:30:00.000Z');
    const [call] = followUpsAfterDischarge(friday, 'Europe/London');
    expect(call.dueAt).toBe('2026-03-30T09:00:00.000Z');
  });

  it('reads 10:00 on the clinic clock the day summer time starts', () => {
    expect(new Date(clinicWallTime('2026-03-29', 10, 'Europe/London')).toISOString()).toBe(
      '2026-03-29T09:00:00.000Z',
    );
    expect(new Date(clinicWallTime('2026-03-28', 10, 'Europe/London')).toISOString()).toBe(
      '2026-03-28T10:00:00.000Z',
    );
  });
});
