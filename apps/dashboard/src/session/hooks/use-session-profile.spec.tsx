import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import { DEFAULT_THRESHOLD_PROFILE, type ThresholdProfile } from '@vigil/shared';
import type { ReactNode } from 'react';
import { installFakeFetch, jsonResponse, requestsTo } from '../../../test/fake-fetch';
import { anAuthResponse } from '../../../test/auth.fixture';
import { authStore } from '../../auth/state/auth-store';
import { useSessionProfile } from './use-session-profile';

const SESSION_ID = 'a3c1e7f2-5b9d-4e6a-8c0f-1d2e3f4a5b6c';
const started: ThresholdProfile = { ...DEFAULT_THRESHOLD_PROFILE, name: 'As started' };
const changed: ThresholdProfile = { ...DEFAULT_THRESHOLD_PROFILE, name: 'Set by a physician' };

function wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

describe('useSessionProfile', () => {
  beforeEach(() => {
    authStore.clear();
    authStore.signIn(anAuthResponse('nurse'));
  });

  it('reads the session’s own limits, not its profile as edited since, and again at each revision', async () => {
    let current = started;
    const fetchMock = installFakeFetch({
      [`GET /sessions/${SESSION_ID}/limits`]: () => jsonResponse(200, current),
      'GET /threshold-profiles': () => jsonResponse(200, [DEFAULT_THRESHOLD_PROFILE]),
    });
    const { result, rerender } = renderHook(
      ({ revision }: { revision: number }) => useSessionProfile({ id: SESSION_ID, revision }),
      { wrapper, initialProps: { revision: 3 } },
    );
    await waitFor(() => expect(result.current.data?.name).toBe('As started'));

    current = changed;
    rerender({ revision: 4 });
    await waitFor(() => expect(result.current.data?.name).toBe('Set by a physician'));
    expect(requestsTo(fetchMock, 'GET /threshold-profiles')).toHaveLength(0);
  });

  it('asks nothing before the session is loaded', () => {
    const fetchMock = installFakeFetch({});
    const { result } = renderHook(() => useSessionProfile(undefined), { wrapper });
    expect(result.current.data).toBeUndefined();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
