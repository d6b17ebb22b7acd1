import fc from 'fast-check';
import { needsCloserBloodPressureWatch, numberCourse, type CourseCandidate } from './course';

const STATES = [
  'scheduled',
  'assessed',
  'infusing',
  'paused',
  'recovery',
  'discharged',
  'aborted',
] as const;
const time = fc
  .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z') })
  .map((ms) => new Date(ms).toISOString());
const candidate: fc.Arbitrary<CourseCandidate> = fc.record({
  id: fc.uuid(),
  state: fc.constantFrom(...STATES),
  scheduledAt: time,
  startedAt: fc.option(time, { nil: null }),
  createdAt: time,
});

describe('the course', () => {
  it('numbers the infusions 1…n in the order of their dates, leaving out those aborted before a start', () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 12 }), (sessions) => {
        const course = numberCourse(sessions);
        const given = sessions.filter((s) => !(s.state === 'aborted' && s.startedAt === null));
        expect(course.map((entry) => entry.number)).toEqual(given.map((_, index) => index + 1));
        const dates = course.map(({ session }) => session.startedAt ?? session.scheduledAt);
        expect(dates).toEqual([...dates].sort());
        expect(new Set(course.map(({ session }) => session))).toEqual(new Set(given));
      }),
    );
  });

  it('numbers alike whatever order the sessions are read in', () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 8 }), (sessions) => {
        const ids = (list: CourseCandidate[]) =>
          numberCourse(list).map(({ session }) => session.id);
        expect(ids([...sessions].reverse())).toEqual(ids(sessions));
      }),
    );
  });

  it('watches the first three infusions more closely for blood pressure', () => {
    expect([1, 2, 3, 4, 6].map(needsCloserBloodPressureWatch)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
