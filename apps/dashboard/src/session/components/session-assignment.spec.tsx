import type { Session } from '@vigil/shared';
import { fireEvent, screen, within } from '@testing-library/react';
import { anAuthResponse } from '../../../test/auth.fixture';
import { installFakeFetch, jsonResponse, nestError, requestsTo } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { aSession } from '../../../test/session.fixture';
import { authStore } from '../../auth/state/auth-store';
import { SessionAssignment } from './session-assignment';

const session = aSession({
  id: 's-1',
  bay: '3',
  assignedNurseId: 'n-1',
  supervisingPhysicianId: null,
});
const clinicians = [
  { id: 'n-1', displayName: 'Nora Nurse', role: 'nurse' },
  { id: 'n-2', displayName: 'Nico Nurse', role: 'nurse' },
  { id: 'p-1', displayName: 'Phil Physician', role: 'physician' },
];

function serve(answer: () => Response) {
  authStore.clear();
  authStore.signIn(anAuthResponse('nurse'));
  return installFakeFetch({
    'GET /clinicians': () => jsonResponse(200, clinicians),
    'PUT /sessions/s-1/assignment': answer,
  });
}

const render = (shown: Session = session, mayChange = true) =>
  renderWithProviders(<SessionAssignment session={shown} mayChange={mayChange} />);

afterEach(() => authStore.clear());

describe('the session’s care team', () => {
  it('names the assigned nurse and who stands in for a missing physician', async () => {
    serve(() => jsonResponse(200, session));
    render();
    expect(await screen.findByText('Nora Nurse')).toHaveAttribute('data-testid', 'assigned-nurse');
    expect(screen.getByTestId('supervising-physician')).toHaveTextContent(
      'Nobody — the physicians on duty are sent its escalations',
    );
  });

  it('changes only what was changed, after a confirmation naming who gets the next alarms', async () => {
    const fetchMock = serve(() =>
      jsonResponse(200, { ...session, supervisingPhysicianId: 'p-1', revision: 2 }),
    );
    render();
    fireEvent.click(await screen.findByRole('button', { name: 'Change assignment…' }));
    await screen.findByRole('option', { name: 'Phil Physician' });
    const physician = screen.getByLabelText('Supervising physician');
    expect(within(physician).queryByRole('option', { name: 'Nico Nurse' })).toBeNull();
    fireEvent.change(physician, { target: { value: 'p-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save assignment' }));

    expect(screen.getByTestId('assignment-question')).toHaveTextContent(
      'Bay 3’s next alarms go first to Nora Nurse, and at escalation to Phil Physician. Change it?',
    );
    expect(requestsTo(fetchMock, 'PUT /sessions/s-1/assignment')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Confirm assignment' }));

    expect(await screen.findByRole('button', { name: 'Change assignment…' })).toBeInTheDocument();
    expect(requestsTo(fetchMock, 'PUT /sessions/s-1/assignment')[0]?.body).toEqual({
      supervisingPhysicianId: 'p-1',
    });
  });

  it('clears the nurse, the charge nurse standing in', async () => {
    const fetchMock = serve(() => jsonResponse(200, { ...session, assignedNurseId: null }));
    render();
    fireEvent.click(await screen.findByRole('button', { name: 'Change assignment…' }));
    fireEvent.change(screen.getByLabelText('Assigned nurse'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save assignment' }));
    expect(screen.getByTestId('assignment-question')).toHaveTextContent(
      'go first to the charge nurse',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Confirm assignment' }));

    await screen.findByRole('button', { name: 'Change assignment…' });
    expect(requestsTo(fetchMock, 'PUT /sessions/s-1/assignment')[0]?.body).toEqual({
      assignedNurseId: null,
    });
  });

  it('words a refusal by its code', async () => {
    serve(() =>
      nestError(409, 'the session has ended (discharged)', 'Conflict', {
        code: 'SESSION_STATE_CONFLICT',
        details: { state: 'discharged' },
      }),
    );
    render();
    fireEvent.click(await screen.findByRole('button', { name: 'Change assignment…' }));
    fireEvent.change(screen.getByLabelText('Assigned nurse'), { target: { value: 'n-2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save assignment' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm assignment' }));

    const refusal = await screen.findByRole('alert');
    expect(refusal).toHaveTextContent('Assignment not changed');
    expect(refusal).toHaveTextContent('The session is now discharged');
  });

  it('offers no change to an auditor, nor once the session has ended', async () => {
    serve(() => jsonResponse(200, session));
    const { unmount } = render(session, false);
    await screen.findByText('Nora Nurse');
    expect(screen.queryByRole('button')).toBeNull();
    unmount();
    render({ ...session, state: 'discharged' });
    await screen.findByText('Nora Nurse');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
