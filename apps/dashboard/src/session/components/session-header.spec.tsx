import { act, screen, waitFor, within } from '@testing-library/react';
import { installFakeFetch, jsonResponse } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { aPatientSummary, aSample, aSession } from '../../../test/session.fixture';
import { applyVitalsEvent } from '../../realtime/utils/apply-realtime-events';
import { useSessionDetail } from '../hooks/use-session-detail';
import { SessionHeader } from './session-header';

const session = aSession({
  id: 's-1',
  bay: '7',
  patient: aPatientSummary({
    initials: 'AR',
    displayName: 'Alex Rivera',
    mrn: 'DEMO-0001',
    birthDate: '1984-02-29',
  }),
  latestVitals: {
    heartRate: { value: 78.4, at: '2026-11-25T10:11:55.000Z' },
    spo2: { value: 97, at: '2026-11-25T10:11:55.000Z' },
    systolic: { value: 128, at: '2026-11-25T10:08:00.000Z' },
    diastolic: { value: 82, at: '2026-11-25T10:08:00.000Z' },
  },
});

/** The header as the session screen feeds it: from the session's cache entry. */
function CachedHeader() {
  const { data } = useSessionDetail('s-1');
  return data ? <SessionHeader session={data} /> : null;
}

describe('SessionHeader', () => {
  beforeEach(() => {
    jest.useFakeTimers({
      now: Date.parse('2026-11-25T10:12:00.000Z'),
      doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'],
    });
  });

  afterEach(() => jest.useRealTimers());

  it('names the patient by both identifiers, with the date of birth, never by initials alone', () => {
    renderWithProviders(<SessionHeader session={session} />);
    const heading = screen.getByRole('heading', { level: 1 });
    expect(heading).toHaveTextContent(
      'Bay 7 — patient Alex Rivera (MRN DEMO-0001) born 1984-02-29',
    );
    expect(screen.getByTestId('patient-name')).toHaveTextContent('Alex Rivera');
    expect(screen.getByTestId('patient-mrn')).toHaveTextContent('MRN DEMO-0001');
    expect(screen.queryByText('AR')).toBeNull();
  });

  it('leaves the date of birth out when it is not known', () => {
    renderWithProviders(
      <SessionHeader session={{ ...session, patient: { ...session.patient, birthDate: null } }} />,
    );
    expect(screen.queryByTestId('patient-birth-date')).toBeNull();
    expect(screen.getByTestId('patient-mrn')).toHaveTextContent('MRN DEMO-0001');
  });

  it('shows the latest heart rate, SpO2, blood pressure and respiratory rate, a dash for none', () => {
    renderWithProviders(<SessionHeader session={session} />);
    const readings = screen.getByLabelText('Latest readings');
    expect(within(readings).getByTestId('header-hr')).toHaveTextContent('78 bpm');
    expect(within(readings).getByTestId('header-spo2')).toHaveTextContent('97 %');
    expect(within(readings).getByTestId('header-bp')).toHaveTextContent('128/82 mmHg');
    expect(within(readings).getByTestId('header-rr')).toHaveTextContent('— /min');
  });

  it('follows the live readings the socket brings, without reading the session again', async () => {
    const fetchMock = installFakeFetch({ 'GET /sessions/s-1': () => jsonResponse(200, session) });
    const { queryClient } = renderWithProviders(<CachedHeader />);
    expect(await screen.findByTestId('header-spo2')).toHaveTextContent('97 %');

    act(() =>
      applyVitalsEvent(queryClient, {
        sessionId: 's-1',
        samples: [
          aSample({ sessionId: 's-1', at: '2026-11-25T10:11:59.000Z', spo2: 88, respRate: 9 }),
        ],
      }),
    );

    // The cache tells its observers on the next tick.
    await waitFor(() => expect(screen.getByTestId('header-spo2')).toHaveTextContent('88 %'));
    expect(screen.getByTestId('header-rr')).toHaveTextContent('9 /min');
    expect(screen.getByTestId('header-hr')).toHaveTextContent('78 bpm');
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
