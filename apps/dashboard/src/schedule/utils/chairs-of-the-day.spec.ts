import { aSession } from '../../../test/session.fixture';
import { chairsOfTheDay } from './chairs-of-the-day';

describe('chairsOfTheDay', () => {
  it('groups the day chair by chair in bay order, each chair in time order', () => {
    const at = (hour: number) => `2026-11-25T${String(hour).padStart(2, '0')}:00:00.000Z`;
    const chairs = chairsOfTheDay([
      aSession({ id: 'c', bay: '10', scheduledAt: at(9) }),
      aSession({ id: 'b', bay: '2', scheduledAt: at(13) }),
      aSession({ id: 'a', bay: '2', scheduledAt: at(8) }),
    ]);
    expect(chairs.map(({ bay, sessions }) => [bay, sessions.map((one) => one.id)])).toEqual([
      ['2', ['a', 'b']],
      ['10', ['c']],
    ]);
  });
});
