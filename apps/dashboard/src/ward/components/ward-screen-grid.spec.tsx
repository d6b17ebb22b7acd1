import { screen } from '@testing-library/react';
import type { WardBay } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { renderWardScreen } from '../../../test/render-ward-screen';
import { aSession } from '../../../test/session.fixture';

jest.mock('../../api/api-client');

const listLiveSessions = jest.mocked(apiClient.listLiveSessions);
const listSessionVitals = jest.mocked(apiClient.listSessionVitals);
const listAlerts = jest.mocked(apiClient.listAlerts);
const listBays = jest.mocked(apiClient.listBays);
const listAlarmSuspends = jest.mocked(apiClient.listAlarmSuspends);

const emptyBay = (bay: string): WardBay => ({ bay, sessionId: null, state: null });

describe('WardScreen grid', () => {
  beforeEach(() => {
    listSessionVitals.mockResolvedValue([]);
    listAlerts.mockResolvedValue([]);
    listAlarmSuspends.mockResolvedValue([]);
    // jsdom lays nothing out: the grid takes the window's shape, 16:9.
    Object.assign(window, { innerWidth: 1920, innerHeight: 1080 });
  });

  it('grows six chairs to three columns by two rows', async () => {
    listLiveSessions.mockResolvedValue(
      ['1', '2', '3', '4', '5', '6'].map((bay) => aSession({ id: `s-${bay}`, bay })),
    );
    listBays.mockResolvedValue([]);
    renderWardScreen();

    const grid = await screen.findByTestId('ward-grid');
    expect(grid).toHaveAttribute('data-columns', '3');
    expect(grid).toHaveAttribute('data-rows', '2');
    expect(grid.style.getPropertyValue('--ward-columns')).toBe('3');
    expect(grid.style.getPropertyValue('--ward-rows')).toBe('2');
  });

  it('keeps 24 chairs, empty ones counted, to six columns by four rows', async () => {
    listLiveSessions.mockResolvedValue([aSession({ id: 's-1', bay: '1' })]);
    listBays.mockResolvedValue(
      Array.from({ length: 24 }, (_, i) =>
        i === 0 ? { bay: '1', sessionId: 's-1', state: 'infusing' } : emptyBay(String(i + 1)),
      ),
    );
    renderWardScreen();

    await screen.findByTestId('empty-bay-24');
    const grid = screen.getByTestId('ward-grid');
    expect(grid.style.getPropertyValue('--ward-columns')).toBe('6');
    expect(grid.style.getPropertyValue('--ward-rows')).toBe('4');
  });
});
