import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { AlarmSoundProvider } from '../src/ward/components/alarm-sound-provider';
import { WardScreen } from '../src/ward/components/ward-screen';

/** Shows where the router is, so a test can tell the address (kiosk or not). */
function LocationProbe() {
  const location = useLocation();
  return <div data-testid="location">{`${location.pathname}${location.search}`}</div>;
}

/**
 * The ward screen at `path`, with a fresh query cache, and a stand-in for the session screen;
 * inside the alarm sound, as the app shell puts it for a nurse.
 */
export function renderWardScreen(path = '/ward', { connectionLost = false } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[path]}>
        <AlarmSoundProvider connectionLost={connectionLost}>
          <Routes>
            <Route path="/ward" element={<WardScreen />} />
            <Route path="/sessions/:sessionId" element={<p>Session screen</p>} />
          </Routes>
        </AlarmSoundProvider>
        <LocationProbe />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { ...view, queryClient };
}
