import { parseHl7Time } from './hl7-time';

describe('parseHl7Time', () => {
  it('takes the offset the sender gives', () => {
    expect(parseHl7Time('20261206091500+0100', 'UTC')).toBe('2026-12-06T08:15:00.000Z');
    expect(parseHl7Time('20261206091500.25-0330', 'UTC')).toBe('2026-12-06T12:45:00.250Z');
  });

  it('reads a time without an offset in the clinic’s zone, summer and winter', () => {
    expect(parseHl7Time('202607011200', 'Europe/Paris')).toBe('2026-07-01T10:00:00.000Z');
    expect(parseHl7Time('20261201120000', 'Europe/Paris')).toBe('2026-12-01T11:00:00.000Z');
    expect(parseHl7Time('20261201120000', 'America/New_York')).toBe('2026-12-01T17:00:00.000Z');
  });

  it('refuses a time coarser than the minute, or one that is no date', () => {
    expect(parseHl7Time('2026120612', 'UTC')).toBeNull();
    expect(parseHl7Time('20261306091500', 'UTC')).toBeNull();
    expect(parseHl7Time('20260231091500', 'UTC')).toBeNull();
    expect(parseHl7Time('20261206096000', 'UTC')).toBeNull();
    expect(parseHl7Time('now', 'UTC')).toBeNull();
  });
});
