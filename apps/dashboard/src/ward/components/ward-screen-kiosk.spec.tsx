import { act, fireEvent, screen, within } from '@testing-library/react';
import { renderWardScreen } from '../../../test/render-ward-screen';
import { installFakeAudioContext } from '../../../test/fake-audio-context';
import { aSession } from '../../../test/session.fixture';
import { apiClient } from '../../api/api-client';
import { CURSOR_IDLE_AFTER_MS } from '../hooks/use-idle-cursor';

jest.mock('../../api/api-client');

const root = document.documentElement;
const currentPath = () => screen.getByTestId('location').textContent;

describe('WardScreen kiosk mode', () => {
  let requestFullscreen: jest.Mock;
  let restoreAudioContext: () => void;

  beforeEach(() => {
    jest.mocked(apiClient.listLiveSessions).mockResolvedValue([aSession({ id: 's-1', bay: '1' })]);
    jest.mocked(apiClient.listSessionVitals).mockResolvedValue([]);
    jest.mocked(apiClient.listAlerts).mockResolvedValue([]);
    jest.mocked(apiClient.listBays).mockResolvedValue([{ bay: '2', sessionId: null, state: null }]);
    requestFullscreen = jest.fn(() => Promise.resolve());
    root.requestFullscreen = requestFullscreen;
    Object.defineProperty(document, 'fullscreenEnabled', { value: true, configurable: true });
    restoreAudioContext = installFakeAudioContext('running');
  });

  afterEach(() => restoreAudioContext());

  it('turns the page into a wall display at /ward?kiosk=1', async () => {
    renderWardScreen('/ward?kiosk=1');
    const tile = await screen.findByTestId('bed-tile-1');
    expect(root).toHaveAttribute('data-kiosk', 'true');
    expect(screen.getByRole('button', { name: 'Kiosk mode' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    // No navigation on a wall display: the tile opens nothing.
    expect(within(tile).queryByRole('link')).not.toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Bay 2 — empty' })).toBeInTheDocument();
  });

  it('still shows that audio is paused, and for how long', async () => {
    renderWardScreen('/ward?kiosk=1');
    await screen.findByTestId('bed-tile-1');
    fireEvent.click(screen.getByRole('button', { name: 'Pause alarm audio (2 min)' }));
    expect(screen.getByTestId('audio-paused')).toHaveTextContent(/Audio paused.*2:00/);
    expect(root).toHaveAttribute('data-kiosk', 'true');
  });

  it('goes fullscreen on a click anywhere, since browsers allow it only on a gesture', async () => {
    renderWardScreen('/ward?kiosk=1');
    await screen.findByTestId('bed-tile-1');
    expect(requestFullscreen).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('bed-tile-1'));
    expect(requestFullscreen).toHaveBeenCalledTimes(1);
  });

  it('is switched on from the ward screen, which asks for fullscreen on that click', async () => {
    renderWardScreen('/ward');
    const toggle = await screen.findByRole('button', { name: 'Kiosk mode' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(root).not.toHaveAttribute('data-kiosk');

    fireEvent.click(toggle);
    expect(currentPath()).toBe('/ward?kiosk=1');
    expect(root).toHaveAttribute('data-kiosk', 'true');
    expect(requestFullscreen).toHaveBeenCalled();
  });

  it('is switched off again, bringing back the links to each session', async () => {
    renderWardScreen('/ward?kiosk=1');
    await screen.findByTestId('bed-tile-1');
    fireEvent.click(screen.getByRole('button', { name: 'Kiosk mode' }));
    expect(currentPath()).toBe('/ward');
    expect(root).not.toHaveAttribute('data-kiosk');
    expect(screen.getByRole('link', { name: 'Bay 1 — open session' })).toBeInTheDocument();
  });

  it('hides the cursor once it has rested, and shows it again when it moves', async () => {
    jest.useFakeTimers();
    try {
      renderWardScreen('/ward?kiosk=1');
      await screen.findByTestId('bed-tile-1');
      fireEvent.pointerMove(document);
      act(() => {
        jest.advanceTimersByTime(CURSOR_IDLE_AFTER_MS - 100);
      });
      expect(root).not.toHaveAttribute('data-cursor-idle');
      act(() => {
        jest.advanceTimersByTime(100);
      });
      expect(root).toHaveAttribute('data-cursor-idle', 'true');
      fireEvent.pointerMove(document);
      expect(root).not.toHaveAttribute('data-cursor-idle');
    } finally {
      jest.useRealTimers();
    }
  });

  it('leaves the cursor alone outside kiosk mode', async () => {
    jest.useFakeTimers();
    try {
      renderWardScreen('/ward');
      await screen.findByTestId('bed-tile-1');
      act(() => {
        jest.advanceTimersByTime(CURSOR_IDLE_AFTER_MS * 2);
      });
      expect(root).not.toHaveAttribute('data-cursor-idle');
    } finally {
      jest.useRealTimers();
    }
  });
});
