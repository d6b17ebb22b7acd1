import { DEFAULT_THRESHOLD_PROFILE, type Role, type Session } from '@vigil/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { anAuthResponse } from '../../../test/auth.fixture';
import { installFakeFetch, jsonResponse, nestError, requestsTo } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { aSession } from '../../../test/session.fixture';
import { authStore } from '../../auth/state/auth-store';
import { SessionScreen } from './session-screen';

const SESSION_ID = 's-8';
const LIMITS_PATH = `/sessions/${SESSION_ID}/limits`;
const { id: _id, ...definition } = DEFAULT_THRESHOLD_PROFILE;

function renderSession(
  role: Role,
  session: Session = aSession({ id: SESSION_ID, bay: '8' }),
  routes = {},
) {
  authStore.clear();
  authStore.signIn(anAuthResponse(role));
  const fetchMock = installFakeFetch({
    [`GET /sessions/${SESSION_ID}`]: () => jsonResponse(200, session),
    [`GET /sessions/${SESSION_ID}/vitals`]: () => jsonResponse(200, []),
    [`GET /sessions/${SESSION_ID}/log`]: () => jsonResponse(200, []),
    'GET /alerts': () => jsonResponse(200, []),
    [`GET ${LIMITS_PATH}`]: () => jsonResponse(200, DEFAULT_THRESHOLD_PROFILE),
    [`PUT ${LIMITS_PATH}`]: ({ body }) =>
      jsonResponse(200, { ...(body as object), id: DEFAULT_THRESHOLD_PROFILE.id }),
    ...routes,
  });
  renderWithProviders(
    <Routes>
      <Route path="/sessions/:sessionId" element={<SessionScreen />} />
    </Routes>,
    { path: `/sessions/${SESSION_ID}` },
  );
  return fetchMock;
}

const spo2Row = async () =>
  within(await screen.findByTestId('session-limits')).getByRole('row', { name: /SpO2 low/ });

describe('one session’s limits on its screen', () => {
  it('shows a nurse the limits the session is judged by, read only', async () => {
    renderSession('nurse');
    const cells = within(await spo2Row()).getAllByRole('cell');
    expect(cells.map((cell) => cell.textContent)).toEqual(['94', '90', '10']);
    expect(screen.queryByText('Change this session’s limits')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('SpO2 low medium limit')).not.toBeInTheDocument();
  });

  it('lets a physician change them after confirming each change, named', async () => {
    const fetchMock = renderSession('physician');
    await spo2Row();
    fireEvent.click(screen.getByText('Change this session’s limits'));
    fireEvent.change(screen.getByLabelText('SpO2 low medium limit'), { target: { value: '92' } });
    fireEvent.click(screen.getByRole('button', { name: 'Review and save' }));

    const confirmation = screen.getByRole('group', {
      name: 'Change the limits of bay 8, Jane Doe (MRN MRN-0001)?',
    });
    expect(confirmation).toHaveTextContent('They apply to this session alone');
    expect(
      within(confirmation)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['SpO2 low — medium limit: 94 → 92']);
    expect(requestsTo(fetchMock, `PUT ${LIMITS_PATH}`)).toHaveLength(0);

    fireEvent.click(within(confirmation).getByRole('button', { name: 'Confirm and save' }));

    expect(await screen.findByText('This session’s limits are changed.')).toBeInTheDocument();
    const [put] = requestsTo(fetchMock, `PUT ${LIMITS_PATH}`);
    expect(put?.body).toEqual({
      ...definition,
      rules: definition.rules.map((rule) =>
        rule.code === 'SPO2_LOW' ? { ...rule, medium: 92 } : rule,
      ),
    });
    await waitFor(() =>
      expect(requestsTo(fetchMock, `GET /sessions/${SESSION_ID}`)).toHaveLength(2),
    );
  });

  it('refuses past a safety floor beside the field, and sends nothing', async () => {
    const fetchMock = renderSession('physician');
    await spo2Row();
    fireEvent.click(screen.getByText('Change this session’s limits'));
    fireEvent.change(screen.getByLabelText('SpO2 low high limit'), { target: { value: '80' } });
    fireEvent.click(screen.getByRole('button', { name: 'Review and save' }));

    expect(screen.getByLabelText('SpO2 low high limit')).toHaveAccessibleDescription(
      /SpO2 low high limit must be at least 85/,
    );
    expect(requestsTo(fetchMock, `PUT ${LIMITS_PATH}`)).toHaveLength(0);
  });

  it('offers no change once the session has left the chair, nor before its assessment', async () => {
    renderSession(
      'physician',
      aSession({ id: SESSION_ID, state: 'discharged', allowedActions: [] }),
    );
    await spo2Row();
    expect(screen.queryByText('Change this session’s limits')).not.toBeInTheDocument();
  });

  it('says when the limits cannot be read', async () => {
    renderSession('nurse', undefined, {
      [`GET ${LIMITS_PATH}`]: () => nestError(503, 'database unavailable', 'Service Unavailable'),
    });
    expect(await screen.findByText(/Could not load this session’s limits/)).toBeInTheDocument();
  });
});
