import type { WardBay } from '@vigil/shared';
import { aSession } from '../../../test/session.fixture';
import { wardChairs } from './ward-chairs';

const bay = (name: string, sessionId: string | null = null): WardBay => ({
  bay: name,
  sessionId,
  state: sessionId ? 'infusing' : null,
});

describe('wardChairs', () => {
  it('orders chairs the way they are numbered on the ward, not alphabetically', () => {
    const sessions = ['10', '2', 'B12'].map((name) => aSession({ id: name, bay: name }));
    const chairs = wardChairs([bay('1'), bay('B3')], sessions);
    expect(chairs.map((chair) => `${chair.bay}:${chair.kind}`)).toEqual([
      '1:empty',
      '2:occupied',
      '10:occupied',
      'B3:empty',
      'B12:occupied',
    ]);
  });

  it('shows a chair the screen knows a live session in as occupied, whatever the bay list says', () => {
    const session = aSession({ id: 's-4', bay: '4' });
    expect(wardChairs([bay('4')], [session])).toEqual([{ kind: 'occupied', bay: '4', session }]);
  });

  it('shows a chair whose session has left the ward as empty, before the bay list catches up', () => {
    expect(wardChairs([bay('5', 'discharged-meanwhile')], [])).toEqual([
      { kind: 'empty', bay: '5' },
    ]);
  });

  it('still shows the live sessions while the bay list is not loaded', () => {
    const chairs = wardChairs(undefined, [aSession({ id: 's-1', bay: '1' })]);
    expect(chairs.map((chair) => chair.kind)).toEqual(['occupied']);
  });

  it('shows one chair per bay: its live session over the ones scheduled after it', () => {
    const next = aSession({
      id: 'next',
      bay: '3',
      state: 'scheduled',
      createdAt: '2026-12-06T08:00:00.000Z',
    });
    const sitting = aSession({
      id: 'sitting',
      bay: '3',
      state: 'infusing',
      createdAt: '2026-12-06T09:00:00.000Z',
    });
    const later = aSession({
      id: 'later',
      bay: '4',
      state: 'scheduled',
      createdAt: '2026-12-06T11:00:00.000Z',
    });
    const first = aSession({
      id: 'first',
      bay: '4',
      state: 'scheduled',
      createdAt: '2026-12-06T10:00:00.000Z',
    });
    const chairs = wardChairs([], [next, sitting, later, first]);
    expect(
      chairs.map((chair) => (chair.kind === 'occupied' ? chair.session.id : chair.bay)),
    ).toEqual(['sitting', 'first']);
  });
});
