import { DAY_SHIFT_END, nextClockTime } from './shift-end';

const local = (day: number, hours: number, minutes = 0) =>
  new Date(2026, 10, day, hours, minutes).getTime();

describe('the end of a charge-nurse shift', () => {
  it('is today while the time is still ahead', () => {
    expect(nextClockTime(DAY_SHIFT_END, local(25, 7, 30))?.getTime()).toBe(local(25, 19));
  });

  it('is tomorrow once the time has passed, never in the past', () => {
    expect(nextClockTime('07:00', local(25, 19, 5))?.getTime()).toBe(local(26, 7));
    expect(nextClockTime('19:00', local(25, 19))?.getTime()).toBe(local(26, 19));
  });

  it('is nothing for what is no time of day', () => {
    expect(nextClockTime('25:00', local(25, 8))).toBeNull();
    expect(nextClockTime('', local(25, 8))).toBeNull();
  });
});
