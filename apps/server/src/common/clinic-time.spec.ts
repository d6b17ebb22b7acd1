import { clinicDate, clinicTime } from './clinic-time';

describe('clinicTime', () => {
  it('prints the clinic wall clock with its offset', () => {
    expect(clinicTime('2026-12-06T08:14:03.250Z', 'Europe/Paris')).toBe(
      '2026-12-06 09:14:03 +01:00',
    );
    expect(clinicTime('2026-07-06T08:14:03Z', 'Europe/Paris')).toBe('2026-07-06 10:14:03 +02:00');
    expect(clinicTime('2026-12-06T08:14:03Z', 'America/St_Johns')).toBe(
      '2026-12-06 04:44:03 -03:30',
    );
  });

  it('prints UTC as +00:00', () => {
    expect(clinicTime('2026-12-06T00:00:00Z', 'UTC')).toBe('2026-12-06 00:00:00 +00:00');
  });

  it('tells apart the two readings of the hour that repeats when summer time ends', () => {
    expect(clinicTime('2026-10-25T00:30:00Z', 'Europe/Paris')).toBe('2026-10-25 02:30:00 +02:00');
    expect(clinicTime('2026-10-25T01:30:00Z', 'Europe/Paris')).toBe('2026-10-25 02:30:00 +01:00');
  });

  it('prints a dash for a time that is not one', () => {
    expect(clinicTime('not a time', 'UTC')).toBe('—');
  });
});

describe('clinicDate', () => {
  it('is the calendar day on the clinic wall, not in UTC', () => {
    expect(clinicDate('2026-12-06T23:30:00.000Z', 'Europe/Berlin')).toBe('2026-12-07');
    expect(clinicDate('2026-12-06T23:30:00.000Z', 'America/New_York')).toBe('2026-12-06');
    expect(clinicDate('2026-12-06T23:30:00.000Z', 'UTC')).toBe('2026-12-06');
  });
});
