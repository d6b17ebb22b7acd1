import type { Duty, Role } from '@vigil/shared';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { aUser } from '../../../test/auth.fixture';
import { installFakeFetch, jsonResponse, nestError, requestsTo } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { ChargeNurseControl } from './charge-nurse-control';

const now = new Date(2026, 10, 25, 8, 30).getTime();
const nora = aUser('nurse');
const charlie = { id: 'user-charlie', displayName: 'Charlie Charge', role: 'nurse' as const };
const onDuty = (userId: string, displayName: string, untilHour = 19): Duty => ({
  chargeNurse: {
    userId,
    username: userId,
    displayName,
    role: 'nurse',
    since: new Date(2026, 10, 25, 7).toISOString(),
    until: new Date(2026, 10, 25, untilHour).toISOString(),
  },
  onDuty: [],
});

function serve(duty: Duty, answer = () => jsonResponse(200, onDuty(nora.id, nora.displayName))) {
  return installFakeFetch({
    'GET /duty': () => jsonResponse(200, duty),
    'GET /clinicians': () =>
      jsonResponse(200, [
        { id: nora.id, displayName: nora.displayName, role: 'nurse' },
        charlie,
        { id: 'user-phil', displayName: 'Phil Physician', role: 'physician' },
      ]),
    'PUT /duty/charge-nurse': answer,
  });
}

const render = (role: Role = 'nurse') =>
  renderWithProviders(<ChargeNurseControl user={aUser(role)} />);

describe('the charge nurse in the top bar', () => {
  beforeEach(() => jest.useFakeTimers({ now, doNotFake: ['queueMicrotask', 'setTimeout'] }));
  afterEach(() => jest.useRealTimers());

  it('shows physicians who is charge nurse and until when, and offers them no change', async () => {
    serve(onDuty(charlie.id, charlie.displayName));
    render('physician');
    expect(await screen.findByText('Charge nurse: Charlie Charge until 19:00')).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('lets a nurse take over until the end of the day shift by default', async () => {
    const fetchMock = serve({ chargeNurse: null, onDuty: [] });
    render();
    expect(await screen.findByText('No charge nurse on duty')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Take over…' }));
    expect(screen.getByLabelText('Until')).toHaveValue('19:00');
    fireEvent.click(screen.getByRole('button', { name: 'Take over' }));

    expect(await screen.findByText('Charge nurse: you until 19:00')).toBeInTheDocument();
    expect(requestsTo(fetchMock, 'PUT /duty/charge-nurse')[0]?.body).toEqual({
      userId: nora.id,
      until: new Date(2026, 10, 25, 19).toISOString(),
    });
  });

  it('lets the charge nurse hand over to another nurse until a time of tomorrow', async () => {
    const fetchMock = serve(onDuty(nora.id, nora.displayName), () =>
      jsonResponse(200, onDuty(charlie.id, charlie.displayName, 7)),
    );
    render();
    fireEvent.click(await screen.findByRole('button', { name: 'Hand over…' }));
    const picker = await screen.findByLabelText('Who takes over');
    await screen.findByRole('option', { name: 'Charlie Charge' });
    expect(screen.queryByRole('option', { name: 'Phil Physician' })).toBeNull();
    fireEvent.change(picker, { target: { value: charlie.id } });
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '07:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Hand over' }));

    await waitFor(() =>
      expect(requestsTo(fetchMock, 'PUT /duty/charge-nurse')[0]?.body).toEqual({
        userId: charlie.id,
        until: new Date(2026, 10, 26, 7).toISOString(),
      }),
    );
  });

  it('words a refusal and keeps the form open', async () => {
    serve({ chargeNurse: null, onDuty: [] }, () =>
      nestError(400, ['userId must be an enabled nurse'], 'Bad Request', {
        code: 'VALIDATION_FAILED',
      }),
    );
    render();
    fireEvent.click(await screen.findByRole('button', { name: 'Take over…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Take over' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('userId must be an enabled nurse');
    expect(screen.getByRole('button', { name: 'Take over' })).toBeInTheDocument();
  });
});
