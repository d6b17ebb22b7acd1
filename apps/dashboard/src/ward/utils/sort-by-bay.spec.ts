import { aSession } from '../../../test/session.fixture';
import { sortByBay } from './sort-by-bay';

describe('sortByBay', () => {
  it('orders bays the way they are numbered on the ward, not alphabetically', () => {
    const sessions = ['10', '2', '1', 'B3', 'B12'].map((bay) => aSession({ id: bay, bay }));
    expect(sortByBay(sessions).map((session) => session.bay)).toEqual([
      '1',
      '2',
      '10',
      'B3',
      'B12',
    ]);
  });
});
