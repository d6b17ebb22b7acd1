import { act, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { aSession } from '../../../test/session.fixture';
import { BedTile } from './bed-tile';

const started = Date.parse('2026-11-25T10:00:00.000Z');

describe('the delivered dose on the bed tile', () => {
  afterEach(() => jest.useRealTimers());

  const running = aSession({
    pumpEvents: [
      {
        id: 'e-1',
        sessionId: 'session-1',
        kind: 'start',
        at: new Date(started).toISOString(),
        rateMlPerH: 60,
        recordedBy: 'nurse',
      },
    ],
  });

  it('counts on each second from the pump record without asking the server', () => {
    jest.useFakeTimers({ now: started + 10 * 60_000 });
    render(
      <MemoryRouter>
        <BedTile session={running} recentSamples={[]} />
      </MemoryRouter>,
    );
    expect(screen.getByTestId('tile-delivered')).toHaveTextContent('10.0 mg given');

    act(() => jest.advanceTimersByTime(6_000));
    expect(screen.getByTestId('tile-delivered')).toHaveTextContent('10.1 mg given');
  });

  it('says nothing of a dose before the pump has started', () => {
    render(
      <MemoryRouter>
        <BedTile session={aSession({ state: 'assessed' })} recentSamples={[]} />
      </MemoryRouter>,
    );
    expect(screen.queryByTestId('tile-delivered')).not.toBeInTheDocument();
  });
});
