import fc from 'fast-check';
import { isoDateTime } from './iso-date-time';

describe('isoDateTime', () => {
  const schema = isoDateTime();

  it('accepts the times a clinic writes, with any offset', () => {
    for (const text of [
      '2026-11-25T13:05:00.000Z',
      '2026-11-25T14:05:00+01:00',
      '0000-01-01T00:00:00Z',
    ]) {
      expect(schema.safeParse(text).success).toBe(true);
    }
  });

  it('refuses a time whose UTC year leaves 0000–9999', () => {
    for (const text of ['0000-01-01T00:30:00+01:00', '9999-12-31T23:59:59-14:00']) {
      expect(schema.safeParse(text).error?.issues[0]?.message).toBe(
        'must lie between the years 0000 and 9999 in UTC',
      );
    }
  });

  it('accepts exactly the times whose UTC text has the stored width', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('-000001-12-31T00:00:00Z'),
          max: new Date('+010000-01-01T23:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (date, offsetMin) => {
          const local = new Date(date.getTime() + offsetMin * 60_000).toISOString();
          if (!/^\d{4}-/.test(local)) return;
          const sign = offsetMin < 0 ? '-' : '+';
          const hours = String(Math.floor(Math.abs(offsetMin) / 60)).padStart(2, '0');
          const minutes = String(Math.abs(offsetMin) % 60).padStart(2, '0');
          const text = `${local.slice(0, 23)}${sign}${hours}:${minutes}`;
          expect(schema.safeParse(text).success).toBe(date.toISOString().length === 24);
        },
      ),
    );
  });
});
